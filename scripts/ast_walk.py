"""The bench's baseline: what interrogate does per file, without its reporting.

Reads file paths from stdin, parses each with ast (interrogate reads them as UTF-8 text first) and visits
every module, class and function with ast.get_docstring, as interrogate's CoverageVisitor does. Prints
"files nodes covered errors".
"""
import ast
import sys


class Visitor(ast.NodeVisitor):
    def __init__(self):
        self.nodes = 0
        self.covered = 0

    def _visit(self, node):
        self.nodes += 1
        doc = ast.get_docstring(node)
        if doc is not None and doc.strip() != "":
            self.covered += 1
        self.generic_visit(node)

    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _visit


def main():
    files = sys.stdin.read().splitlines()
    visitor = Visitor()
    errors = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                visitor.visit(ast.parse(f.read()))
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError):
            errors += 1
    print(len(files), visitor.nodes, visitor.covered, errors)


main()
