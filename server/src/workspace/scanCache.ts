/**
 * What the last workspace scan found, per file, so that the next one re-analyses only what changed: a file
 * whose stat (modification and change time, size, inode) and options are the same as when it was analysed
 * keeps its coverage. The language server keeps one per session and re-runs the report after every save,
 * create, delete or settings change; on the stdlib that is ~1,800 stats instead of ~1,800 analyses.
 *
 * Bounded by the workspace: after each scan only the files that scan listed are kept.
 */
import * as fs from 'fs';
import { CoverageOptions, FileCoverage } from '../coverage/types';
import type { QualityOptions } from '../docstrings/checks';

interface Entry {
  stamp: string;
  optionsKey: string;
  coverage: FileCoverage;
}

export class ScanCache {
  private entries = new Map<string, Entry>();
  /** Files analysed (not taken from the cache) by the scans so far: for tests and the log. */
  analysed = 0;

  /** The key under which analyses with these options may be shared. */
  static optionsKey(options: CoverageOptions, maxFileBytes: number | undefined, quality?: QualityOptions): string {
    return JSON.stringify([options, maxFileBytes ?? null, quality ?? null]);
  }

  /**
   * Splits a scan's files into those whose last coverage still holds (by index) and those to analyse. The
   * stamps are taken now, before the analysis: a file that changes meanwhile is analysed again next time.
   */
  partition(files: readonly string[], optionsKey: string): { cached: Map<number, FileCoverage>; toAnalyse: number[]; stamps: string[] } {
    const cached = new Map<number, FileCoverage>();
    const toAnalyse: number[] = [];
    const stamps = files.map(stampOf);
    files.forEach((file, i) => {
      const entry = this.entries.get(file);
      if (entry && stamps[i] !== '' && entry.stamp === stamps[i] && entry.optionsKey === optionsKey) cached.set(i, entry.coverage);
      else toAnalyse.push(i);
    });
    return { cached, toAnalyse, stamps };
  }

  /** Records what was analysed (files with their stamps from partition()). */
  store(files: readonly string[], stamps: readonly string[], coverages: readonly FileCoverage[], optionsKey: string): void {
    this.analysed += files.length;
    files.forEach((file, i) => {
      if (stamps[i] !== '') this.entries.set(file, { stamp: stamps[i], optionsKey, coverage: coverages[i] });
    });
  }

  /** After a whole run: forgets the files it did not list (deleted, newly excluded). */
  retainOnly(files: ReadonlySet<string>): void {
    for (const file of [...this.entries.keys()]) if (!files.has(file)) this.entries.delete(file);
  }
}

/** '' when the file cannot be stat'ed (it is then always analysed, and its error reported). */
function stampOf(file: string): string {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.mtimeNs}:${st.ctimeNs}:${st.size}:${st.ino}:${st.dev}`;
  } catch {
    return '';
  }
}
