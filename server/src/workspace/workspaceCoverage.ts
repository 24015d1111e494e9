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
import { QualityOptions, RuleGroup } from '../docstrings/checks';
import { inRuleGroups } from '../docstrings/checks/types';
import { notebookModuleCoverage } from '../coverage/notebookCoverage';
import { NotebookModule } from '../python/notebook';
import { buildReport, formatTextReport, passed, sumTotals } from '../coverage/report';
import { IncrementalReport } from '../coverage/reportDelta';
import { CoverageOptions, CoverageTotals, FileCoverage } from '../coverage/types';
import { notebookQualityCoverage, qualityTextCoverage } from './analyzeFile';
import { relativeTo, scanRoot } from './paths';
import { ScanCache } from './scanCache';
import { scanFiles, scanWorkspace, ScanHooks, WorkspaceScan } from './scan';
import { walkPaths } from './walk';

export interface FolderToScan {
  /** Absolute path of the workspace folder. */
  path: string;
  options: CoverageOptions;
  maxFileBytes?: number;
  /** Also check docstring quality (the files' `docstringsWithFindings`), counting these rule groups (default all). */
  quality?: QualityOptions;
  qualityRules?: readonly RuleGroup[];
  /** The folder its per-path prefixes are written relative to (the config file's); the report names them so. */
  perPathFolder?: string;
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
  /** Its per-path thresholds (absolute prefixes), when it has any: a file's minimum is its longest prefix's. */
  perPath?: Array<{ prefix: string; failUnder: number }>;
  /** The folder those prefixes are written relative to (the config file's); the workspace folder when absent. */
  perPathFolder?: string;
}

/** `etag` and `delta` are the session's (session/reportDeltas.ts), for clients that ask with `since`. */
export interface WorkspaceCoverageResult extends IncrementalReport {
  folders: FolderReport[];
  text: string;
  /** How many lines of `text` a request's `maxTextLines` left out (protocol.ts); absent when none. */
  textLinesLeftOut?: number;
  summary: string;
}

export interface WorkspaceCoverageHooks extends Pick<ScanHooks, 'signal' | 'onLog' | 'concurrency'> {
  /** Files done over all folders so far, and the total known so far (grows as folders are walked). */
  onProgress?(done: number, total: number): void;
  /** false: `text` is left empty (the editor asks for the table only when it shows it). */
  withText?: boolean;
  /** The table's detail: 1 one row per file (-v), 2 every definition (-vv, the default). */
  verbosity?: 1 | 2;
  /** The last run's analyses: only files changed since (or under other options) are analysed again. */
  cache?: ScanCache;
}

/**
 * One folder: interrogate's walk, then the files the cache cannot answer analysed (scan.ts), in the walk's order.
 */
async function scanFolder(folder: FolderToScan, hooks: WorkspaceCoverageHooks, onProgress: (done: number, total: number) => void): Promise<WorkspaceScan> {
  const scanHooks = {
    cwd: folder.path, signal: hooks.signal, onLog: hooks.onLog, concurrency: hooks.concurrency, maxFileBytes: folder.maxFileBytes, onProgress,
    quality: folder.quality,
  };
  const cache = hooks.cache;
  if (!cache) return scanWorkspace([folder.path], folder.options, scanHooks);
  const walked = await walkPaths([folder.path], folder.options, scanHooks);
  const root = walked.files.length > 0 ? scanRoot(walked.files) : folder.path;
  if (walked.error) return { root, absolutePaths: [], files: [], problems: walked.problems, error: walked.error };
  const key = ScanCache.optionsKey(folder.options, folder.maxFileBytes, folder.quality);
  const { cached, toAnalyse, stamps } = cache.partition(walked.files, key);
  const fresh = await scanFiles(toAnalyse.map((i) => walked.files[i]), root, folder.options, scanHooks);
  cache.store(toAnalyse.map((i) => walked.files[i]), toAnalyse.map((i) => stamps[i]), fresh, key);
  const files = new Array<FileCoverage>(walked.files.length);
  toAnalyse.forEach((index, k) => { files[index] = fresh[k]; });
  for (const [index, coverage] of cached) files[index] = { ...coverage, path: relativeTo(root, walked.files[index]) };
  return { root, absolutePaths: walked.files, files, problems: walked.problems, error: null };
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
  const listed = new Set<string>();
  for (const folder of folders) {
    const scan = await scanFolder(folder, hooks, (done, total) => hooks.onProgress?.(doneBefore + done, doneBefore + total));
    scan.absolutePaths.forEach((file) => listed.add(file));
    doneBefore += scan.files.length;
    const files: FileCoverage[] = [];
    scan.files.forEach((file, i) => {
      const absolute = scan.absolutePaths[i];
      const unsaved = openDocuments.get(absolute);
      let coverage = unsaved === undefined ? file : typeof unsaved !== 'string'
        ? folder.quality ? notebookQualityCoverage(unsaved, file.path, folder.options, folder.quality) : notebookModuleCoverage(unsaved, file.path, folder.options)
        : folder.quality ? qualityTextCoverage(unsaved, file.path, folder.options, folder.quality) : textCoverage(unsaved, file.path, folder.options);
      if (coverage.skipped) return;
      const rules = folder.qualityRules;
      // Rule groups the editor has switched off count no more here than in its diagnostics (a copy: the cache keeps the scan's).
      if (coverage.findings && rules) coverage = { ...coverage, findings: coverage.findings.filter((f) => inRuleGroups(f.code, rules)) };
      files.push(coverage);
      scanned.push({ absolute, coverage });
    });
    const totals = sumTotals(files);
    folderReports.push({
      folder: folder.path, root: scan.root, failUnder: folder.options.failUnder,
      passed: passed(folder.options.failUnder, totals), totals, error: scan.error?.message ?? null,
      ...(folder.options.perPath.length > 0 && { perPath: [...folder.options.perPath], ...(folder.perPathFolder !== undefined && { perPathFolder: folder.perPathFolder }) }),
    });
  }
  hooks.cache?.retainOnly(listed);
  const root = scanned.length > 0 ? scanRoot(scanned.map((s) => s.absolute)) : folders[0]?.path ?? '';
  const files = scanned.map(({ absolute, coverage }) => ({ ...coverage, path: relativeTo(root, absolute) }));
  const failUnder = folders[0]?.options.failUnder ?? 80;
  const report = buildReport(files, { failUnder }, root);
  // interrogate's -vv table: 11 MB for the stdlib, so made only when asked for.
  const text = hooks.withText === false ? '' : formatTextReport(files, {
    failUnder, omitCoveredFiles: folders[0]?.options.omitCoveredFiles ?? false, verbosity: hooks.verbosity ?? 2, base: root,
  });
  return { ...report, folders: folderReports, text, summary: coverageSummary(report.totals, failUnder) };
}
