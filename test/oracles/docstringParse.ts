/**
 * pydoclint's own docstring parser as an oracle (test/oracles/docstring_parse.py, run with the sources in
 * ../shared/oracles/pydoclint): what it reads from every docstring of some files, in each style.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const PYDOCLINT_ROOT = path.join(__dirname, '..', '..', '..', '..', 'shared', 'oracles', 'pydoclint');

export type Pair = [string | null, string | null];
export interface ForkReading {
  error: boolean;
  params: Pair[];
  returns: Pair[];
  yields: Pair[];
  raises: Array<string | null>;
  attrs: Pair[];
}
export interface ForkDoc {
  line: number;
  detected?: 'google' | 'numpy' | 'sphinx';
  crash?: string;
  styles?: Record<'google' | 'numpy' | 'sphinx', ForkReading>;
}

export function pydoclintAvailable(): boolean {
  return fs.existsSync(path.join(PYDOCLINT_ROOT, 'pydoclint', 'utils', 'parse_docstring.py'));
}

/** The fork's reading of each file's docstrings (one python3 run for all files). */
export function forkReadings(files: string[]): Map<string, { error?: string; docs?: ForkDoc[] }> {
  const script = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'docstring_parse.py');
  const out = execFileSync('/usr/bin/python3', [script], {
    input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 30,
    env: { ...process.env, PYTHONPATH: `${PYDOCLINT_ROOT}:${path.join(PYDOCLINT_ROOT, 'vendor')}` },
  });
  const results = new Map<string, { error?: string; docs?: ForkDoc[] }>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const record = JSON.parse(line) as { path: string; error?: string; docs?: ForkDoc[] };
    results.set(record.path, record);
  }
  return results;
}
