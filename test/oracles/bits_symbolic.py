"""Oracle for the symbolic bit layouts of the bitwise hover (test/bits/symbolic.diff.test.ts).

`sites ROOT COUNT`: the bitwise expression sites of every second .py file under ROOT (sorted; test folders skipped), an
even sample of COUNT of them, as a JSON list of {path, line, character, end_line, end_character, expression,
names}: 0-based positions of the operator (for the hover) and of the node's end, the expression to evaluate
(`x |= y` becomes `(x) | (y)`), and its free names.

`eval` (stdin): a JSON list of {expression, constants, operands, seed, trials}; for each, `trials` runs with
random ints (negative and huge ones included) for the names that are not constants (a name that is called,
subscripted or has attributes gets an object giving random ints), printing per run {value, operands} (decimal
strings: the expression and each operand source) or {error}. A subscript gives the same int for the same key
within a run; a call gives a new random int each time it runs, so an operand such as `f(x)` is the value its
first evaluation in the expression gave (a hover must not take two calls for one value). Nothing from the
files is executed: only the expression, against names this script makes up.
"""
import ast
import io
import json
import os
import random
import signal
import sys
import tokenize

BIT_OPS = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}
SKIP_DIRS = {"test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__"}


def char_col(line_text, byte_col):
    return len(line_text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def free_names(tree):
    return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})


def sites_of(path, source):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return []
    lines = source.splitlines(True)

    def op_after(line, col, text):
        """The operator `text` after (1-based line, column): past closing brackets, spaces, comments, line ends."""
        while line <= len(lines):
            rest = lines[line - 1]
            while col < len(rest):
                c = rest[col]
                if rest.startswith(text, col):
                    return line, col
                if c in " \t)]\\":
                    col += 1
                elif c == "#" or c in "\r\n":
                    break
                else:
                    return None
            line, col = line + 1, 0
        return None

    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and type(node.op) in BIT_OPS:
            left = node.left
            start = (left.end_lineno, char_col(lines[left.end_lineno - 1], left.end_col_offset))
            at = op_after(*start, BIT_OPS[type(node.op)])
            expression = ast.get_source_segment(source, node)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            at = (node.lineno, char_col(lines[node.lineno - 1], node.col_offset))
            expression = ast.get_source_segment(source, node)
        elif isinstance(node, ast.AugAssign) and type(node.op) in BIT_OPS:
            target = node.target
            start = (target.end_lineno, char_col(lines[target.end_lineno - 1], target.end_col_offset))
            at = op_after(*start, BIT_OPS[type(node.op)] + "=")
            target_text = ast.get_source_segment(source, target)
            value_text = ast.get_source_segment(source, node.value)
            expression = None if target_text is None or value_text is None else \
                "(%s) %s (\n%s\n)" % (target_text, BIT_OPS[type(node.op)], value_text)
        else:
            continue
        if at is None or expression is None:
            continue
        out.append({
            "path": path, "line": at[0] - 1, "character": at[1],
            "end_line": node.end_lineno - 1, "end_character": char_col(lines[node.end_lineno - 1], node.end_col_offset),
            "expression": expression, "names": free_names(node),
        })
    return out


def list_sites(root, count):
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    files.sort()
    sites = []
    # Every second file: half the parsing, still hundreds of sites.
    for path in files[::2]:
        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        sites.extend(sites_of(path, source))
    step = max(1, len(sites) // count)
    return sites[::step][:count]


class Anything:
    """A made-up object: attributes, items and calls all give random ints (or further objects for chains)."""

    def __init__(self, rng, chains, prefix):
        self._rng, self._chains, self._prefix = rng, chains, prefix
        self._items = {}

    def __getattr__(self, name):
        path = self._prefix + "." + name
        if path not in self._chains:
            self._chains[path] = make_value(self._rng, path, self._chains)
        return self._chains[path]

    def __getitem__(self, key):
        slot = repr(key)
        if slot not in self._items:
            self._items[slot] = random_int(self._rng)
        return self._items[slot]

    def __call__(self, *args, **kwargs):
        # A new value each call; an object when the result is subscripted or has attributes (`f(x)[0]`).
        return make_value(self._rng, self._prefix + "()", self._chains)


def random_int(rng, small=False):
    if small:
        return rng.randint(0, 64)
    kind = rng.random()
    if kind < 0.15:
        return rng.choice([0, -1, 1, -2, 255, -256])
    if kind < 0.4:
        return rng.randint(-(1 << 16), 1 << 16)
    if kind < 0.7:
        return rng.randint(-(1 << 64), 1 << 64)
    return rng.randint(-(1 << 300), 1 << 300)


def make_value(rng, path, chains):
    usage = chains["__usage__"].get(path, "int")
    if usage == "object":
        return Anything(rng, chains, path)
    return random_int(rng, small=path in chains["__small__"])


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def usages(tree):
    """How each name or attribute chain is used: as an int, or as an object (called, subscripted, has attributes)."""
    usage, small = {}, set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = dotted(node.value)
            if base is not None:
                usage[base] = "object"
        elif isinstance(node, ast.Call) or isinstance(node, ast.Subscript):
            base = dotted(node.func if isinstance(node, ast.Call) else node.value)
            if base is not None:
                usage[base] = "object"
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.value, ast.Call):
            base = dotted(node.value.func)
            if base is not None:
                usage[base + "()"] = "object"
        # Shift counts, exponents and repeat counts stay small, so evaluating is quick.
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.LShift, ast.Pow, ast.Mult)):
            for side in (node.right, node.left) if isinstance(node.op, ast.Mult) else (node.right,):
                for inner in ast.walk(side):
                    name = dotted(inner)
                    if name is not None:
                        small.add(name)
        if isinstance(node, ast.Call):
            for arg in node.args:
                for inner in ast.walk(arg):
                    name = dotted(inner)
                    if name is not None:
                        small.add(name)
    return usage, small


def squeezed(text):
    return "".join(text.split())


class Recorder(ast.NodeTransformer):
    """Wraps every call and subscript in `__rec__(source, node)`, which keeps the first value each source gave."""

    def __init__(self, source):
        self.source = source

    def visit_Call(self, node):
        return self.wrap(self.generic_visit(node), node)

    def visit_Subscript(self, node):
        if not isinstance(node.ctx, ast.Load):
            return self.generic_visit(node)
        return self.wrap(self.generic_visit(node), node)

    def wrap(self, new, old):
        segment = ast.get_source_segment(self.source, old)
        if segment is None:
            return new
        call = ast.Call(func=ast.Name(id="__rec__", ctx=ast.Load()), args=[ast.Constant(squeezed(segment)), new], keywords=[])
        return ast.copy_location(call, old)


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def evaluate(request):
    expression = request["expression"]
    source = "(\n" + expression + "\n)"
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return [{"error": "SyntaxError"}]
    usage, small = usages(tree)
    rng = random.Random(request["seed"])
    results = []
    recorded_tree = ast.fix_missing_locations(Recorder(source).visit(ast.parse(source, mode="eval")))
    code = compile(recorded_tree, "<site>", "eval")
    for _ in range(request["trials"]):
        chains = {"__usage__": usage, "__small__": small}
        recorded = {}

        def record(key, value, recorded=recorded):
            recorded.setdefault(key, value)
            return value

        env = {"__builtins__": {}, "__rec__": record}
        for name in free_names(tree):
            if name in request["constants"]:
                env[name] = int(request["constants"][name])
            else:
                env[name] = make_value(rng, name, chains)
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        try:
            value = eval(code, env)
            operands = [recorded[squeezed(s)] if squeezed(s) in recorded
                        else eval(compile(ast.parse(s, mode="eval"), "<operand>", "eval"), env) for s in request["operands"]]
            if not isinstance(value, int) or not all(isinstance(v, int) for v in operands):
                results.append({"error": "not an int"})
            else:
                results.append({"value": str(int(value)), "operands": [str(int(v)) for v in operands]})
        except Timeout:
            results.append({"error": "timeout"})
        except Exception as e:  # the site raises for these made-up values: nothing to check
            results.append({"error": type(e).__name__})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return results


def main():
    sys.set_int_max_str_digits(0)
    sys.setrecursionlimit(10000)
    signal.signal(signal.SIGALRM, on_alarm)
    if sys.argv[1] == "sites":
        json.dump(list_sites(sys.argv[2], int(sys.argv[3])), sys.stdout)
    else:
        json.dump([evaluate(r) for r in json.load(sys.stdin)], sys.stdout)


main()
