"""Oracle for the docstring-stub tests: what CPython says about a file after (or before) the edits.

`stub_check.py facts` reads file paths from stdin (one per line) and prints one JSON line per file:
  {"path", "skeleton", "module_doc", "defs": [{"name", "doc", "params", "returns", "has_return",
   "has_yield", "raises"}]}
or {"path", "error"} when the file does not compile. `skeleton` is ast.dump of the tree with every
docstring removed (so it compares the code, not the docs); `defs` lists classes and functions in source
order; `doc` is ast.get_docstring; params are [star, name, ast.dump(annotation) or null] in source order
(a str annotation, a forward reference, dumped as the expression it names);
has_return / has_yield / raises look at the function's own body only (not nested defs, classes, lambdas);
raises resolves `raise e` and a bare `raise` inside `except X as e` to X and leaves out uncalled names that
read as variables (`raise exc`), as python/signature.ts does.

`stub_check.py dump` reads a JSON array of expression texts from stdin and prints a JSON array with
ast.dump of each (null when it does not parse): to compare annotation texts with the real annotations.
"""
import ast
import json
import sys

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
SCOPES = DEFS + (ast.Lambda,)


def is_docstring(statement):
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def strip_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, DEFS + (ast.Module,)) and node.body and is_docstring(node.body[0]):
            node.body = node.body[1:]
    return tree


def definitions(tree):
    """Classes and functions in source order (pre-order, children in order), without recursion."""
    out = []
    stack = list(reversed(list(ast.iter_child_nodes(tree))))
    while stack:
        node = stack.pop()
        if isinstance(node, DEFS):
            out.append(node)
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return out


def own_nodes(function):
    """Nodes of a function's own body, each with the except clauses around it (innermost last): nested scopes
    are not entered."""
    stack = [(node, ()) for node in reversed(function.body)]
    while stack:
        node, handlers = stack.pop()
        yield node, handlers
        if isinstance(node, SCOPES):
            continue
        inner = handlers + (node,) if isinstance(node, ast.ExceptHandler) else handlers
        stack.extend((child, inner) for child in reversed(list(ast.iter_child_nodes(node))))


def caught(handler):
    """The dotted names an except clause catches (none for a bare except or an expression we do not read)."""
    if handler.type is None:
        return []
    elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = [dotted(e) for e in elts]
    return [] if None in names else names


def raised(node, handlers):
    """What a raise statement raises, by docbits' rules (python/signature.ts BodyFacts.raises)."""
    if node.exc is None:
        return caught(handlers[-1]) if handlers else []
    called = isinstance(node.exc, ast.Call)
    name = dotted(node.exc.func if called else node.exc)
    if name is None:
        return []
    first = name.split(".")[0]
    for handler in reversed(handlers):
        if handler.name == first:
            return caught(handler)
    last = name.split(".")[-1].lstrip("_")
    return [name] if called or last[:1].isupper() and last[:1].isascii() else []


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return None if base is None else base + "." + node.attr
    return None


def dump(node):
    return None if node is None else ast.dump(node)


def annotation_dump(node):
    """ast.dump of an annotation; a forward reference ("Shape") as the expression it names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return ast.dump(ast.parse(node.value.strip(), mode="eval").body)
        except SyntaxError:
            return ast.dump(node)
    return dump(node)


def params(args):
    out = [["", a.arg, annotation_dump(a.annotation)] for a in args.posonlyargs + args.args]
    if args.vararg:
        out.append(["*", args.vararg.arg, annotation_dump(args.vararg.annotation)])
    out += [["", a.arg, annotation_dump(a.annotation)] for a in args.kwonlyargs]
    if args.kwarg:
        out.append(["**", args.kwarg.arg, annotation_dump(args.kwarg.annotation)])
    return out


def describe(node):
    info = {"name": node.name, "line": node.lineno, "doc": ast.get_docstring(node, clean=False)}
    if isinstance(node, ast.ClassDef):
        return info
    own = list(own_nodes(node))
    raises = []
    for r, handlers in sorted(((n, h) for n, h in own if isinstance(n, ast.Raise)),
                              key=lambda nh: (nh[0].lineno, nh[0].col_offset)):
        for name in raised(r, handlers):
            if name not in raises:
                raises.append(name)
    own = [n for n, _ in own]
    info.update({
        "params": params(node.args),
        "returns": annotation_dump(node.returns),
        "has_return": any(isinstance(n, ast.Return) and n.value is not None for n in own),
        "has_yield": any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own),
        "raises": raises,
    })
    return info


def facts(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        # compile, not just parse: it also checks `from __future__` placement and the like.
        compile(source, path, "exec", dont_inherit=True)
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as e:
        return {"path": path, "error": "%s: %s" % (type(e).__name__, e)}
    result = {
        "path": path,
        "module_doc": ast.get_docstring(tree, clean=False),
        "defs": [describe(node) for node in definitions(tree)],
    }
    result["skeleton"] = ast.dump(strip_docstrings(tree))
    return result


def dump_expressions(texts):
    out = []
    for text in texts:
        try:
            out.append(ast.dump(ast.parse(text, mode="eval").body))
        except SyntaxError:
            out.append(None)
    return out


def main():
    if sys.argv[1:] == ["dump"]:
        print(json.dumps(dump_expressions(json.load(sys.stdin))))
        return
    for path in sys.stdin.read().splitlines():
        print(json.dumps(facts(path)))


main()
