"""Oracle for the inventory differential test: CPython's ast, walked the way interrogate walks it.

Reads file paths from stdin (one per line); prints one JSON line per file:
{"path": ..., "nodes": [[kind, qualname, line, column, documented], ...]} in visiting order (module first,
module line and column null), or {"path": ..., "error": "SyntaxError"} when CPython cannot parse the file.
documented is interrogate's rule: ast.get_docstring(node) is not None and .strip() != "".
"""
import ast
import json
import os
import sys

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def documented(node):
    doc = ast.get_docstring(node)
    return doc is not None and doc.strip() != ""


def inventory(path, tree):
    name = os.path.basename(path)
    nodes = [["module", name, None, None, documented(tree)]]

    # Explicit stack instead of recursion: stdlib tests include very deep nesting.
    stack = [(child, None, None) for child in reversed(list(ast.iter_child_nodes(tree)))]
    while stack:
        node, parent_qualname, parent_type = stack.pop()
        if isinstance(node, DEFS):
            if isinstance(node, ast.ClassDef):
                kind = "class"
            else:
                kind = "method" if parent_type is ast.ClassDef else "function"
            qualname = node.name if parent_qualname is None else parent_qualname + "." + node.name
            nodes.append([kind, qualname, node.lineno, node.col_offset, documented(node)])
            context = (qualname, type(node))
        else:
            context = (parent_qualname, parent_type)
        for child in reversed(list(ast.iter_child_nodes(node))):
            stack.append((child,) + context)
    return nodes


def main():
    for path in sys.stdin.read().splitlines():
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read())
            print(json.dumps({"path": path, "nodes": inventory(path, tree)}))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
            print(json.dumps({"path": path, "error": type(e).__name__}))


if __name__ == "__main__":
    main()
