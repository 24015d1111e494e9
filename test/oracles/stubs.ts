/**
 * CPython's view of Python files for the stub and signature tests (test/oracles/stub_check.py): each
 * definition's docstring, parameters, return annotation, returns, yields and raises, and the code without
 * docstrings; and ast.dump of expression texts.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runOracle } from './stdlib';

export interface OracleDef {
  name: string;
  line: number;
  doc: string | null;
  params?: Array<[string, string, string | null]>;
  returns?: string | null;
  has_return?: boolean;
  has_yield?: boolean;
  raises?: string[];
}
export interface OracleFacts {
  error?: string;
  skeleton: string;
  module_doc: string | null;
  defs: OracleDef[];
}

let scratch: string | undefined;
let scratchCount = 0;

function scratchFile(): string {
  if (scratch === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-oracle-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return path.join(scratch, `f${scratchCount++}.py`);
}

/** Writes texts to scratch files and returns CPython's facts about each, in order (one python run). */
export function cpythonFacts(texts: string[]): OracleFacts[] {
  const files = texts.map((text) => {
    const file = scratchFile();
    fs.writeFileSync(file, text, 'utf8');
    return file;
  });
  const results = runOracle<OracleFacts>('stub_check.py', files, ['facts']);
  return files.map((file) => results.get(file)!);
}

/** ast.dump of each expression text (null if it does not parse). */
export function cpythonDump(texts: string[]): Array<string | null> {
  const out = execFileSync('python3', [path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'stub_check.py'), 'dump'], {
    input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28,
  });
  return JSON.parse(out) as Array<string | null>;
}
