/** python/importStatement.ts: what an import statement binds, against CPython's `ast` on the stdlib. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { ImportStatement, readImportStatement, StatementTokens } from '../../server/src/python/importStatement';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { isCodeKind, Token, TokenKind } from '../../server/src/python/tokens';
import { STDLIB, stdlibPythonFiles } from '../helpers/stdlib';


/** For each file, its import statements in source order as [1-based line, what they bind], read by ast. */
const ORACLE = String.raw`
import ast, json, sys
out = {}
for path in sys.stdin.read().split('\n'):
    if not path: continue
    try:
        tree = ast.parse(open(path, encoding='utf-8').read())
    except Exception:
        continue
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = []
            for a in node.names:
                top = a.name.split('.')[0]
                if a.asname: names.append({'name': a.asname, 'level': 0, 'module': a.name})
                elif top == a.name: names.append({'name': top, 'level': 0, 'module': top})
                else: names.append({'name': top, 'level': 0, 'module': top, 'submodule': a.name})
            found.append((node.lineno, node.col_offset, {'names': names, 'stars': []}))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ''
            if node.names[0].name == '*':
                found.append((node.lineno, node.col_offset, {'names': [], 'stars': [{'level': node.level, 'module': module}]}))
            else:
                names = [{'name': a.asname or a.name, 'level': node.level, 'module': module, 'imported': a.name} for a in node.names]
                found.append((node.lineno, node.col_offset, {'names': names, 'stars': []}))
    found.sort(key=lambda f: (f[0], f[1]))
    out[path] = [[f[0], f[2]] for f in found]
print(json.dumps(out))
`;

function tokensOf(text: string, code: readonly Token[]): StatementTokens {
  return { length: code.length, text: (i) => (i < code.length ? text.slice(code[i].start, code[i].end) : ''), kind: (i) => code[i]?.kind ?? -1 };
}

function read(source: string): ImportStatement | undefined {
  const code = tokenize(source).filter((t) => isCodeKind(t.kind));
  return readImportStatement(tokensOf(source, code));
}

/** Our reading of every statement that starts with `import` or `from`: [1-based line, what it binds]. */
function ours(text: string): Array<[number, ImportStatement | undefined]> {
  const tokens = tokenize(text);
  const out: Array<[number, ImportStatement | undefined]> = [];
  let previous: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === TokenKind.NL || t.kind === TokenKind.Comment) continue;
    const word = t.kind === TokenKind.Name ? text.slice(t.start, t.end) : '';
    const startsStatement = previous === undefined || !isCodeKind(previous.kind)
      || [';', ':'].includes(text.slice(previous.start, previous.end));
    if ((word === 'import' || word === 'from') && startsStatement) {
      const code: Token[] = [];
      for (let j = i; j < tokens.length && tokens[j].kind !== TokenKind.Newline && tokens[j].kind !== TokenKind.EndMarker; j++) {
        if (isCodeKind(tokens[j].kind)) code.push(tokens[j]);
      }
      out.push([t.startLine + 1, readImportStatement(tokensOf(text, code))]);
    }
    previous = t;
  }
  return out;
}

describe('python/importStatement', () => {
  it('binds what Python binds', () => {
    assert.deepStrictEqual(read('import a.b.c'), { names: [{ name: 'a', level: 0, module: 'a', submodule: 'a.b.c' }], stars: [] });
    assert.deepStrictEqual(read('import a.b.c as d, e'), { names: [{ name: 'd', level: 0, module: 'a.b.c' }, { name: 'e', level: 0, module: 'e' }], stars: [] });
    assert.deepStrictEqual(read('from . import x'), { names: [{ name: 'x', level: 1, module: '', imported: 'x' }], stars: [] });
    assert.deepStrictEqual(read('from ...p.q import (R as S,\n    T,)'), {
      names: [{ name: 'S', level: 3, module: 'p.q', imported: 'R' }, { name: 'T', level: 3, module: 'p.q', imported: 'T' }], stars: [],
    });
    assert.deepStrictEqual(read('from m import *'), { names: [], stars: [{ level: 0, module: 'm' }] });
    assert.deepStrictEqual(read('import os; x = 1'), { names: [{ name: 'os', level: 0, module: 'os' }], stars: [] });
  });

  it('binds nothing for what Python refuses', () => {
    for (const source of ['import', 'from', 'from . import', 'from import x', 'import a.', 'import a as', 'import a as b.c',
      'from m import a,', 'from m import (a, b', 'from m import (*)', 'from m import * , a', 'import (a)', 'import a b', 'from m import a b',
      'import def', 'from m import class', 'x = 1']) {
      assert.strictEqual(read(source), undefined, source);
    }
  });

  it('agrees with ast on every import statement of the stdlib', function () {
    this.timeout(600_000);
    if (!fs.existsSync(STDLIB)) this.skip();
    const files = stdlibPythonFiles(STDLIB, { withTests: true });
    const expected = JSON.parse(execFileSync('python3', ['-c', ORACLE], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 })) as
      Record<string, Array<[number, ImportStatement]>>;
    let statements = 0, compared = 0;
    for (const [file, imports] of Object.entries(expected)) {
      const found = ours(fs.readFileSync(file, 'utf8'));
      assert.deepStrictEqual(found, imports, file);
      statements += imports.length;
      compared++;
    }
    console.log(`      ${compared} files, ${statements} import statements agree with ast`);
    assert.ok(compared > 500 && statements > 3000, `${compared} files, ${statements} statements`);
  });
});
