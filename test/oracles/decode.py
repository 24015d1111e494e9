"""The decoding oracle: reads file paths from stdin and prints, per file, the text CPython would compile
(tokenize.detect_encoding, as PEP 263 says, then the codec) or that it cannot decode it. One JSON line each:
{"path", "text"} or {"path", "error"}.
"""
import io
import json
import sys
import tokenize


def decode(data):
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    if encoding == "utf-8-sig":
        data = data[3:]
        encoding = "utf-8"
    return data.decode(encoding)


for path in sys.stdin.read().splitlines():
    with open(path, "rb") as f:
        data = f.read()
    try:
        print(json.dumps({"path": path, "text": decode(data)}))
    except (SyntaxError, LookupError, UnicodeError) as e:  # UnicodeError: punycode, idna
        print(json.dumps({"path": path, "error": str(e)}))
