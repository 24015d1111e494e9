/**
 * The docstring inventory: which definitions of a file are covered, missed or excused.
 * (Being written; the signatures below are the contract other modules code against.)
 */
import { CoverageOptions, FileCoverage } from './types';

/** Coverage of one file from its bytes (decoded per PEP 263). Never throws: problems become `error`. */
export function analyzeBytes(bytes: Uint8Array, relativePath: string, options: CoverageOptions): FileCoverage {
  void bytes; void options;
  return { path: relativePath, error: 'not implemented yet', nodes: [], total: 0, covered: 0, missed: 0, excused: 0 };
}
