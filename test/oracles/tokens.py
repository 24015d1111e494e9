"""Oracle for the tokenizer differential test: CPython's own tokenize.

Reads file paths from stdin (one per line) and prints one JSON line per file:
{"path": ..., "tokens": [[TYPE, string, srow0, scol, erow0, ecol], ...]} with 0-based rows and columns
in code points, or {"path": ..., "error": "..."} when tokenize rejects the file.
"""
import json
import sys
import tokenize


def main():
    for path in sys.stdin.read().splitlines():
        try:
            with open(path, "rb") as f:
                toks = [
                    [tokenize.tok_name[t.type], t.string, t.start[0] - 1, t.start[1], t.end[0] - 1, t.end[1]]
                    for t in tokenize.tokenize(f.readline)
                    if t.type != tokenize.ENCODING
                ]
            print(json.dumps({"path": path, "tokens": toks}))
        except (SyntaxError, tokenize.TokenError, UnicodeDecodeError, ValueError) as e:
            print(json.dumps({"path": path, "error": type(e).__name__}))


main()
