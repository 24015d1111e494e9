"""Oracle for the bitwise-hover evaluator: CPython evaluates the expressions.

Reads a JSON list of expression strings on stdin and prints one JSON list, in the same order, of
{"value": "<decimal int>"} when the result is an int (bools count as ints), {"type": "<type name>"} when it is
something else (a float), or {"error": "<exception class name>"} when evaluating raises.
"""
import json
import sys


def evaluate(source):
    try:
        result = eval(compile(source, "<expr>", "eval"), {"__builtins__": {}}, {})
    except Exception as e:  # the exception's type is what the test compares
        return {"error": type(e).__name__}
    if isinstance(result, int):
        return {"value": str(int(result))}
    return {"type": type(result).__name__}


def main():
    sys.set_int_max_str_digits(0)
    expressions = json.load(sys.stdin)
    json.dump([evaluate(e) for e in expressions], sys.stdout)


main()
