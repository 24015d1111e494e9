/** CPython as an oracle, batched: one python3 process per batch reads JSON lines from stdin. */
import { spawnSync } from 'child_process';

const SCRIPT = String.raw`
import sys, json, ast
def compiles(s):
    try:
        compile(s, '<fuzz>', 'exec', dont_inherit=True)
        return True
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt): raise
        return False
def defs(s):
    try:
        tree = ast.parse(s)
    except BaseException:
        return None
    out = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append((n.lineno, n.col_offset, n.name, ast.get_docstring(n, clean=False) is not None))
    out.sort()
    return {'defs': [[d[2], d[0], d[3]] for d in out], 'module': ast.get_docstring(tree, clean=False) is not None}
for line in sys.stdin:
    req = json.loads(line)
    ok = compiles(req['orig'])
    res = {'ok': ok, 'edits': [compiles(e) for e in req['edits']] if ok else [], 'facts': defs(req['orig']) if ok else None}
    sys.stdout.write(json.dumps(res) + '\n')
    sys.stdout.flush()
`;

export interface OracleRequest {
  orig: string;
  edits: string[];
}
export interface OracleResult {
  ok: boolean;
  edits: boolean[];
  facts: { defs: Array<[string, number, boolean]>; module: boolean } | null;
}

/**
 * Results in order; undefined entries when python died, is missing or ran out of time (CPython itself can take
 * minutes on some pathological inputs: those stay unchecked rather than stall the run).
 */
export function askCPython(requests: OracleRequest[], timeoutMs = 60_000): Array<OracleResult | undefined> {
  if (requests.length === 0) return [];
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const r = spawnSync('python3', ['-c', SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.length > 0);
  return requests.map((_, i) => {
    try {
      return lines[i] ? (JSON.parse(lines[i]) as OracleResult) : undefined;
    } catch {
      return undefined;
    }
  });
}
