/**
 * `docbits/workspaceCoverage`: every workspace folder scanned as interrogate would scan it (each with its own
 * options), open documents' unsaved text taking the place of what is on disk, merged into one report.
 *
 * The result is the CLI's `--json` object (README) for all folders together: `root` is the common base of the
 * folders' scan roots and every `path` is relative to it (so `root + "/" + path` opens the file), plus
 * `folders` (each folder's absolute root, for grouping), `text` (interrogate's -vv report) and `summary`
 * (one line for a notification). `failUnder` is the first folder's; with several folders of different
 * thresholds, each folder's own verdict is in `folders`.
 */
import { coverageSummary } from '../coverage/coverageText';
import { textCoverage } from '../coverage/inventory';
import { notebookModuleCoverage } from '../coverage/notebookCoverage';
import { NotebookModule } from '../python/notebook';
import { buildReport, formatTextReport, JsonReport, passed, sumTotals } from '../coverage/report';
import { CoverageOptions, CoverageTotals, FileCoverage } from '../coverage/types';
import { relativeTo, scanRoot } from './paths';
import { scanWorkspace, ScanHooks } from './scan';

export interface FolderToScan {
  /** Absolute path of the workspace folder. */
  path: string;
  options: CoverageOptions;
  maxFileBytes?: number;
}

export interface FolderReport {
  /** The workspace folder. */
  folder: string;
  /** What its files' paths were measured from by interrogate (its scan root). */
  root: string;
  failUnder: number;
  passed: boolean;
  totals: CoverageTotals;
  /** Why the folder could not be scanned (e.g. no Python files), or null. */
  error: string | null;
}

export interface WorkspaceCoverageResult extends JsonReport {
  folders: FolderReport[];
  text: string;
  summary: string;
}

export interface WorkspaceCoverageHooks extends Pick<ScanHooks, 'signal' | 'onLog' | 'concurrency'> {
  /** Files done over all folders so far, and the total known so far (grows as folders are walked). */
  onProgress?(done: number, total: number): void;
}

/**
 * @param openDocuments absolute file path -> the editor's current text (of a notebook: the module of its cells)
 * Rejects with an AbortError when the signal fires.
 */
export async function workspaceCoverage(folders: readonly FolderToScan[], openDocuments: ReadonlyMap<string, string | NotebookModule>,
  hooks: WorkspaceCoverageHooks = {}): Promise<WorkspaceCoverageResult> {
  const scanned: Array<{ absolute: string; coverage: FileCoverage }> = [];
  const folderReports: FolderReport[] = [];
  let doneBefore = 0;
  for (const folder of folders) {
    const scan = await scanWorkspace([folder.path], folder.options, {
      cwd: folder.path, signal: hooks.signal, onLog: hooks.onLog, concurrency: hooks.concurrency,
      maxFileBytes: folder.maxFileBytes,
      onProgress: (done, total) => hooks.onProgress?.(doneBefore + done, doneBefore + total),
    });
    doneBefore += scan.files.length;
    const files: FileCoverage[] = [];
    scan.files.forEach((file, i) => {
      const absolute = scan.absolutePaths[i];
      const unsaved = openDocuments.get(absolute);
      const coverage = unsaved === undefined ? file : typeof unsaved === 'string' ? textCoverage(unsaved, file.path, folder.options)
        : notebookModuleCoverage(unsaved, file.path, folder.options);
      if (coverage.skipped) return;
      files.push(coverage);
      scanned.push({ absolute, coverage });
    });
    const totals = sumTotals(files);
    folderReports.push({
      folder: folder.path, root: scan.root, failUnder: folder.options.failUnder,
      passed: passed(folder.options.failUnder, totals), totals, error: scan.error?.message ?? null,
    });
  }
  const root = scanned.length > 0 ? scanRoot(scanned.map((s) => s.absolute)) : folders[0]?.path ?? '';
  const files = scanned.map(({ absolute, coverage }) => ({ ...coverage, path: relativeTo(root, absolute) }));
  const failUnder = folders[0]?.options.failUnder ?? 80;
  const report = buildReport(files, { failUnder }, root);
  const text = formatTextReport(files, {
    failUnder, omitCoveredFiles: folders[0]?.options.omitCoveredFiles ?? false, verbosity: 2, base: root,
  });
  return { ...report, folders: folderReports, text, summary: coverageSummary(report.totals, failUnder) };
}
