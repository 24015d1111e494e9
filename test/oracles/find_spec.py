"""The import oracle: sys.path is the folders given as arguments; stdin has one query per line,
`importer<TAB>level<TAB>module`, where importer is the importing module's dotted name (ending in
`.__init__` for a package's own file, empty for an absolute import). Prints, per query, one JSON line
{"path": query, "origin": file or null, "locations": [folders] or null}, or "origin" and "locations" null
when Python raises ImportError. No __pycache__ is written.
"""
import importlib.util
import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the fixtures
roots = sys.argv[1:]
sys.path[:] = roots
for query in sys.stdin.read().splitlines():
    importer, level, module = query.split("\t")
    level = int(level)
    result = {"path": query, "origin": None, "locations": None}
    try:
        if level == 0:
            name = module
        else:
            package = importer[: -len(".__init__")] if importer.endswith(".__init__") else importer.rpartition(".")[0]
            name = importlib.util.resolve_name("." * level + module, package)
        spec = importlib.util.find_spec(name)
        if spec is not None:
            result["origin"] = spec.origin if spec.has_location else None
            locations = spec.submodule_search_locations
            result["locations"] = list(locations) if locations is not None and spec.origin is None else None
    except (ImportError, ValueError):
        pass
    print(json.dumps(result))
