"""Oracle for the docstring parser: how pydoclint's parser (docstring_parser_fork, through pydoclint's own
parse_docstring.py) reads every docstring of the given files, in each style.

Run with PYTHONPATH holding ../shared/oracles/pydoclint and its vendor/ folder. Reads file paths from stdin
(one per line) and prints one JSON line per file: {"path", "docs": [{"line", "detected", "styles": {style:
{"error", "params", "returns", "yields", "raises", "attrs"}}}]} or {"path", "error"}. `line` is the 1-based
line where the docstring's literal starts; `detected` is the style pydoclint picks with default numpy; params
and attrs are [name, type], returns and yields [name, type], raises the exception names (null when none).
"""
import ast
import json
import sys
import warnings

from pydoclint.utils.parse_docstring import parseDocstring, parseDocstringInGivenStyle

STYLES = ("google", "numpy", "sphinx")


def docstring_nodes(tree):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                yield body[0].value.lineno, ast.get_docstring(node)
        stack.extend(ast.iter_child_nodes(node))


def read(doc, style):
    parsed_doc, error = parseDocstringInGivenStyle(doc, style)
    p = parsed_doc.parsed
    return {
        "error": error is not None,
        "params": [[x.arg_name, x.type_name] for x in p.params],
        "returns": [[getattr(x, "return_name", None), x.type_name] for x in p.many_returns if not x.is_generator],
        "yields": [[getattr(x, "yield_name", None), x.type_name] for x in p.many_yields],
        "raises": [x.type_name for x in p.raises],
        "attrs": [[x.arg_name, x.type_name] for x in p.attrs],
    }


def main():
    warnings.simplefilter("ignore")
    for path in sys.stdin.read().split("\n"):
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read())
        except (SyntaxError, ValueError) as e:
            print(json.dumps({"path": path, "error": str(e)}))
            continue
        docs = []
        for line, doc in docstring_nodes(tree):
            if not doc:
                continue
            try:
                detected = parseDocstring(doc, "numpy")[0].style
                styles = {style: read(doc, style) for style in STYLES}
            except Exception as e:  # the fork's own crashes: not comparable
                docs.append({"line": line, "crash": repr(e)})
                continue
            docs.append({"line": line, "detected": detected, "styles": styles})
        print(json.dumps({"path": path, "docs": docs}))


main()
