"""Oracle for the hover's standard-library constants (test/bits/stdlib.test.ts).

argv: the stdlib folder. Imports the stdlib modules found there (top-level ones and a few packages'
submodules; a blocklist of those with side effects or a GUI is left out) and prints a JSON list of
{module, name, value} for every module-level attribute whose value is an int (bools and IntEnum/IntFlag
members included), value as a decimal string. Only CPython's own stdlib runs here, never a workspace's code.
"""
import contextlib
import importlib
import io
import json
import os
import sys
import warnings

BLOCKED = {"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "__phello__", "__hello__",
           "pydoc_data", "ensurepip", "venv", "test", "lib2to3", "__main__", "xxsubtype", "msilib", "_msi"}
SUBMODULES = ["re._constants", "re._compiler", "re._parser", "asyncio.constants", "email.charset", "http.client",
              "logging.handlers", "multiprocessing.connection", "urllib.parse", "xml.dom", "json.decoder",
              "concurrent.futures._base", "ctypes.wintypes", "curses.ascii", "encodings.idna", "importlib.util",
              "sqlite3.dbapi2", "http.cookiejar", "xml.parsers.expat", "dbm.dumb", "unittest.result"]
PER_MODULE = 150


def modules(root):
    names = []
    for entry in sorted(os.listdir(root)):
        full = os.path.join(root, entry)
        if entry.endswith(".py"):
            name = entry[:-3]
        elif os.path.isfile(os.path.join(full, "__init__.py")):
            name = entry
        else:
            continue
        if name.isidentifier() and name not in BLOCKED:
            names.append(name)
    return names + SUBMODULES


def main():
    sys.set_int_max_str_digits(0)
    warnings.simplefilter("ignore")
    out = []
    for name in modules(sys.argv[1]):
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                module = importlib.import_module(name)
        except BaseException:
            continue
        count = 0
        for attribute, value in sorted(vars(module).items()):
            if isinstance(value, int) and count < PER_MODULE:
                out.append({"module": name, "name": attribute, "value": str(int(value))})
                count += 1
    json.dump(out, sys.stdout)


main()
