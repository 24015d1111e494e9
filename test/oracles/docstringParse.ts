/**
 * pydoclint's own docstring parser as an oracle (test/oracles/docstring_parse.py, run with the sources in
 * ../shared/oracles/pydoclint): what it reads from every docstring of some files, in each style.
 */
import * as path from 'path';
import { PYDOCLINT_ROOT } from './pydoclint';
import { runOracle } from './stdlib';

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

/** The fork's reading of each file's docstrings (one python3 run for all files). */
export function forkReadings(files: string[]): Map<string, { error?: string; docs?: ForkDoc[] }> {
  return runOracle<{ error?: string; docs?: ForkDoc[] }>('docstring_parse.py', files, [], '/usr/bin/python3', {
    PYTHONPATH: `${PYDOCLINT_ROOT}:${path.join(PYDOCLINT_ROOT, 'vendor')}`,
  });
}
