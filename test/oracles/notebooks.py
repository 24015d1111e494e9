"""Oracle for the notebook differential test: IPython's and CPython's reading of a notebook.

`notebooks.py` reads .ipynb paths from stdin (one per line) and prints one JSON line per notebook:
{"path": ..., "nodes": [[kind, qualname, cell, line, column, documented], ...]} with `cell` 1-based among all
cells and `line` 1-based inside it (the module node: cell and line of the first code cell's first line, or
null), {"path": ..., "skipped": true} for a notebook in another language, or {"path": ..., "error": ...}.
The module is ruff's: code cells in Python, cell magics other than the Python ones left out; each cell goes
through IPython's own escape-command transforms (TransformerManager's token transforms: `%magic`, `!cmd`,
`x = !cmd`, `obj?`), then the cells are joined and parsed with ast, walked as inventory.py walks a file.

`notebooks.py generate OUTDIR SEED COUNT` writes COUNT notebooks made from stdlib modules cut into cells at
top-level statements, with markdown, raw, empty and magic cells and magic lines mixed in.
"""
import ast
import json
import os
import random
import sys
import sysconfig

from IPython.core.inputtransformer2 import TransformerManager

sys.path.insert(0, os.path.dirname(__file__))
from inventory import inventory  # noqa: E402

PYTHON_CELL_MAGICS = {"capture", "debug", "prun", "pypy", "python", "python3", "time", "timeit"}

TRANSFORMS = TransformerManager()
TRANSFORMS.cleanup_transforms = []  # no dedenting, no prompt stripping, no dropping of leading blank lines
TRANSFORMS.line_transforms = []  # cell magics are decided below, as ruff decides them


def source_text(source):
    return source if isinstance(source, str) else "".join(source)


def python_cell_text(cell):
    """The cell's Python (line count kept), or None when the cell is not Python."""
    if cell.get("cell_type") != "code":
        return None
    language = cell.get("metadata", {}).get("vscode", {}).get("languageId")
    if isinstance(language, str) and language.lower() != "python":
        return None
    text = source_text(cell["source"])
    stripped = text.lstrip(" \t\f\r\n")
    if stripped.startswith("%%"):
        name = stripped[2:].split(None, 1)[0] if stripped[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            return None
    if not text.endswith("\n"):
        text += "\n"
    out = TRANSFORMS.transform_cell(text)
    if out.count("\n") != text.count("\n"):
        raise ValueError("IPython's transform changed the cell's line count")
    return out


def notebook_nodes(path, nb):
    parts, starts = [], []  # starts: (first module line, cell index)
    line = 1
    for index, cell in enumerate(nb["cells"]):
        text = python_cell_text(cell)
        if text is None:
            continue
        starts.append((line, index))
        parts.append(text)
        line += text.count("\n")
    tree = ast.parse("".join(parts))

    def place(lineno):
        for first, index in reversed(starts):
            if lineno >= first:
                return index + 1, lineno - first + 1
        return None, 1

    nodes = []
    for kind, qualname, lineno, column, documented in inventory(path, tree):
        cell, line = place(1 if lineno is None else lineno)
        nodes.append([kind, qualname, cell, line, 0 if lineno is None else column, documented])
    return nodes


def language(nb):
    metadata = nb.get("metadata", {})
    name = metadata.get("language_info", {}).get("name") or metadata.get("kernelspec", {}).get("language")
    return name.lower() if isinstance(name, str) else None


def measure():
    for path in sys.stdin.read().splitlines():
        try:
            with open(path, encoding="utf-8") as f:
                nb = json.load(f)
            if language(nb) not in (None, "python"):
                print(json.dumps({"path": path, "skipped": True}))
                continue
            print(json.dumps({"path": path, "nodes": notebook_nodes(path, nb)}))
        except (SyntaxError, ValueError, RecursionError, MemoryError, KeyError, TypeError, AttributeError) as e:
            print(json.dumps({"path": path, "error": type(e).__name__}))


# ---------------------------------------------------------------------------------------------------------
# Generated notebooks

LINE_BREAKS_PYTHON_ONLY = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"  # str.splitlines breaks there, tokenize not


def statement_starts(tree):
    starts = []
    for node in tree.body:
        decorators = getattr(node, "decorator_list", [])
        starts.append(min([node.lineno] + [d.lineno for d in decorators]))
    return starts


def code(text, rng, vscode_language=False):
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text}
    if rng.random() < 0.5:
        cell["source"] = text.splitlines(keepends=True)
    if vscode_language:
        cell["metadata"] = {"vscode": {"languageId": "python"}}
    return cell


def markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


LINE_MAGICS = ["%matplotlib inline", "%load_ext autoreload", "!pip install -q numpy", "%autoreload 2",
               "files = !ls *.py", "%timeit -n1 sum(range(10))", "len?"]
OTHER_CELLS = [
    lambda rng: markdown("# Notes\n\nSome *markdown* with `def f():` in it.\n"),
    lambda rng: markdown(""),
    lambda rng: {"cell_type": "raw", "metadata": {}, "source": "def raw_cell():\n    pass\n"},
    lambda rng: code("", rng),
    lambda rng: code("\n\n", rng),
    lambda rng: code("%%bash\necho 'def not_python():'\n", rng),
    lambda rng: code("%%writefile helper.py\ndef written():\n    pass\n", rng),
    lambda rng: code("# just a comment\n", rng),
]


def generate(outdir, seed, count):
    rng = random.Random(seed)
    root = sysconfig.get_paths()["stdlib"]
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    rng.shuffle(files)
    made = 0
    for path in files:
        if made >= count:
            break
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            tree = ast.parse(text)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        if any(c in text for c in LINE_BREAKS_PYTHON_ONLY) or not text.endswith("\n") or len(text) > 200_000:
            continue
        lines = text.splitlines(keepends=True)
        cuts = sorted({0} | {s - 1 for s in statement_starts(tree) if rng.random() < 0.4})
        cells = []
        for i, start in enumerate(cuts):
            end = cuts[i + 1] if i + 1 < len(cuts) else len(lines)
            body = "".join(lines[start:end])
            if rng.random() < 0.3:
                cells.append(rng.choice(OTHER_CELLS)(rng))
            if rng.random() < 0.2:
                body = rng.choice(LINE_MAGICS) + "\n" + body
            if rng.random() < 0.05:
                body = "%%time\n" + body
            if rng.random() < 0.3:
                body = body.rstrip("\n")  # notebooks rarely end a cell with a line break
            cells.append(code(body, rng, vscode_language=rng.random() < 0.1))
        nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                           "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
        name = os.path.relpath(path, root).replace(os.sep, "_")[:-3] + ".ipynb"
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1)
        made += 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        measure()
