/**
 * `docbits`: interrogate's command line over docbits' engine. Only wiring: arguments and config in,
 * workspace scan, report out. Every judgement lives in coverage/ and workspace/.
 */
import * as path from 'path';
import { helpText, Invocation, parseCommandLine, UsageError } from './config/commandLine';
import { loadConfig, resolvePath } from './config/loader';
import { findProjectRoot, isDir } from './config/project';
import { conflictingOptions, mergeOptions, problemsNotOverridden } from './config/merge';
import { DEFAULT_OPTIONS } from './config/options';
import { colorSetting, shouldMarkup } from './config/terminalColor';
import { ConfigProblem, ResolvedOptions } from './config/types';
import { badgeOutputPath, badgeSvg, MAX_BADGE_READ_BYTES, shouldWriteBadge } from './coverage/badge';
import { jsonPathGroups, pathGroups, pathGroupsTable } from './coverage/perPath';
import { buildReport, formatConcise, formatJson, formatTextReport, JsonReport } from './coverage/report';
import { DEFAULT_QUALITY_OPTIONS, Finding, QualityOptions } from './docstrings/checks';
import { docstringsWithFindings, FileFindings, findingsSummary, formatConciseFindings, formatFixes, formatPydoclintStyle, fixesSummary } from './docstrings/checks/output';
import { withMarkers } from './docstrings/checks/options';
import { tuneJitForShortRuns } from './jitFlags';
import { printable } from './python/printable';
import { readSourceFile } from './workspace/analyzeFile';
import { pathFromCwd } from './workspace/paths';
import { configWriteRefusal, ReportFileError, writeFileAtomically } from './workspace/reportFiles';
import { checkDocstringsOfFile, loadQualityOptions } from './workspace/qualityScan';
import { fixDocstringsOfFile } from './workspace/fixScan';
import { runScanWorkerIfRequested, scanWorkspace, WorkspaceScan } from './workspace/scan';
import { DIFF_FAIL_UNDER, scanChanges } from './workspace/changedScan';
import { applyInheritedDocstrings } from './workspace/inheritedScan';

const VERSION = '0.1.0';
/** Below this many files the CLI analyses in its main thread unless -j asks otherwise. */
const CLI_MIN_FILES_FOR_WORKERS = 4000;

function terminalWidth(): number {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
}

function describeProblem(configPath: string | undefined, problem: ConfigProblem): string {
  const where = [configPath, problem.line].filter((x) => x !== undefined).join(':');
  return `docbits: ${where ? `${where}: ` : ''}${problem.severity}: ${problem.message}`;
}

/** Progress on stderr, only on a terminal and only once a run takes more than a moment. */
function terminalProgress(): { onProgress(done: number, total: number): void; clear(): void } {
  const start = Date.now();
  let shown = false;
  return {
    onProgress(done, total) {
      if (!process.stderr.isTTY || Date.now() - start < 300) return;
      shown = true;
      process.stderr.write(`\rdocbits: ${done}/${total} files`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

async function run(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  const invocation = parseCommandLine(argv, cwd);
  if (invocation === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (invocation === 'version') {
    process.stdout.write(`docbits, version ${VERSION}\n`);
    return 0;
  }
  const config = loadConfig(invocation.paths, invocation.configPath);
  if (invocation.configPath !== undefined && config.problems.some((p) => p.severity === 'error' && p.line === undefined)) {
    throw new UsageError(config.problems.map((p) => p.message).join('\n'));
  }
  // The loader made the file's relative excludes absolute against the file's folder; -e's are against cwd.
  const options: ResolvedOptions = mergeOptions(DEFAULT_OPTIONS, config.options, invocation.fromCli);
  const conflict = conflictingOptions(options);
  if (conflict !== undefined) throw new UsageError(conflict);
  const refusal = config.path === undefined ? undefined : configWriteRefusal(config.path, config.options, invocation.fromCli);
  if (refusal !== undefined) throw new ReportFileError(refusal);
  if (!options.quiet) for (const problem of problemsNotOverridden(config.problems, invocation.fromCli)) process.stderr.write(`${describeProblem(config.path, problem)}\n`);

  // --check-docstrings: the checks run in the scan, on the parse coverage makes (one read and parse per file).
  const quality = invocation.checkDocstrings ? loadQualityOptions(config.path) : undefined;
  if (quality && !options.quiet) for (const problem of quality.problems) process.stderr.write(`${describeProblem(config.path, problem)}\n`);
  const qualityOptions = quality && withMarkers({ ...DEFAULT_QUALITY_OPTIONS, ...quality.options }, options.markers);
  const progress = terminalProgress();
  // Measured on 2 cores: each worker pays its own JIT warm-up, so below a few thousand files one thread is faster
  // (stdlib, 1,788 files: 1.9 s vs 2.1 s); on 13,000 files (180 MB) two workers win (4.4 s vs 5.0 s).
  const scan = invocation.diff !== undefined ? await scanChanges(invocation.paths, options, invocation.diff, { cwd, quality: qualityOptions }) : await scanWorkspace(invocation.paths, options, {
    cwd, onProgress: progress.onProgress, concurrency: invocation.jobs,
    minFilesForWorkers: invocation.jobs === undefined ? CLI_MIN_FILES_FOR_WORKERS : 1, quality: qualityOptions,
  });
  progress.clear();
  if (!('files' in scan)) throw new UsageError(scan.error, false); // git could not say what changed
  if (invocation.diff !== undefined) options.failUnder = invocation.fromCli.failUnder ?? DIFF_FAIL_UNDER;
  if (scan.error) {
    // Named files that the config all leaves out (pre-commit on a commit of excluded files) are no failure.
    const nothingToCheck = scan.error.kind === 'all-excluded';
    if (!(nothingToCheck && options.quiet)) process.stderr.write(`${scan.error.message}\n`);
    return nothingToCheck ? 0 : 1;
  }
  if (!options.quiet) {
    for (const problem of scan.problems) process.stderr.write(`docbits: cannot read ${printable(problem.path)}: ${problem.error}\n`);
    for (const file of scan.files) if (file.error) process.stderr.write(`docbits: ${printable(file.path)}: ${file.error}\n`);
  }
  // Imports are searched from the project's folder (the config file's), and from the scanned folder.
  if (options.inheritDocstrings) scan.files = applyInheritedDocstrings(scan.files, scan.absolutePaths, [findProjectRoot(invocation.paths), scan.root]);
  const files = scan.files.filter((f) => !f.skipped);
  const groups = options.perPath.length === 0 ? undefined
    : pathGroups(files, (f) => path.join(scan.root, f.path), options.perPath, options.failUnder, (prefix) => pathFromCwd(cwd, prefix));
  const report = buildReport(files, options, scan.root, groups && jsonPathGroups(groups));
  if (qualityOptions) return reportDocstringQuality(scan, report, invocation, qualityOptions, options.quiet);

  if (!options.quiet) {
    const toStdout = options.output === undefined || options.output === '-';
    const color = shouldMarkup(colorSetting(invocation.fromCli.color, process.env, config.options.color), process.env,
      toStdout ? (process.stdout.isTTY ? 'terminal' : 'pipe') : 'file');
    const text = invocation.json
      ? `${formatJson(report)}\n`
      : invocation.format === 'concise'
        ? formatConcise(scan.files.flatMap((file, i) => (file.skipped ? [] : [{ ...file, path: pathFromCwd(cwd, scan.absolutePaths[i]) }])), options.failUnder, groups && report.passed)
        : formatTextReport(scan.files, {
        failUnder: options.failUnder, omitCoveredFiles: options.omitCoveredFiles, onlyMissing: options.onlyMissing, verbosity: options.verbose,
        base: scan.root, width: terminalWidth(), color,
        ...(groups ? { perPath: { table: pathGroupsTable(groups, terminalWidth(), options.verbose), passed: report.passed } } : {}),
      });
    if (options.output !== undefined && options.output !== '-') writeFileAtomically(options.output, text);
    else process.stdout.write(text);
  }
  if (options.generateBadge !== undefined) {
    // Absolute like click's resolve_path, also when the path comes from a config file (interrogate prints it so).
    const target = resolvePath(cwd, options.generateBadge);
    const output = badgeOutputPath(target, isDir(target));
    const existing = readSourceFile(output, MAX_BADGE_READ_BYTES); // bounded, regular files only; else a message
    if (shouldWriteBadge(output, typeof existing === 'string' ? undefined : existing, report.totals.percent, options.badgeStyle)) {
      // A refused or failed write is one line and exit 2, as for -o (interrogate: a traceback, exit 1).
      writeFileAtomically(output, badgeSvg(report.totals.percent, options.badgeStyle));
    }
    if (!options.quiet) process.stdout.write(`Generated badge to ${output}\n`);
  }
  return report.passed ? 0 : 1;
}

/**
 * `--check-docstrings`: the quality findings of the scanned files, in the chosen format; 1 when there are any.
 * `--fix` first updates the docstrings with findings in place, says what changed, and reports what is left.
 */
function reportDocstringQuality(scan: WorkspaceScan, report: JsonReport, invocation: Invocation, qualityOptions: QualityOptions, quiet: boolean): number {
  const checked: FileFindings[] = [];
  const entries = new Map(report.files.map((f) => [f.path, f]));
  const projectRoot = findProjectRoot(invocation.paths);
  let fixLines = '';
  let fixedDocstrings = 0, fixedFiles = 0;
  scan.files.forEach((file, i) => {
    if (file.skipped || file.error) return;
    const shownPath = pathFromCwd(process.cwd(), scan.absolutePaths[i]);
    let result: { findings: Finding[]; error: string | null };
    // --fix rewrites Python files and notebooks with findings (the scan's, when it checked them: a clean file
    // is not read again).
    if (invocation.fix && file.findings?.length !== 0) {
      const fixed = fixDocstringsOfFile(scan.absolutePaths[i], projectRoot, qualityOptions);
      fixLines += formatFixes(shownPath, fixed.fixes);
      fixedDocstrings += fixed.fixes.length;
      if (fixed.fixes.length > 0) fixedFiles++;
      result = { findings: fixed.remaining, error: fixed.error };
    } else if (file.findings) {
      result = { findings: file.findings, error: null };
    } else {
      // What the scan did not check is checked here: a --diff run's notebooks, a --diff file whose checks failed.
      result = checkDocstringsOfFile(scan.absolutePaths[i], qualityOptions);
    }
    if (result.error && !quiet) process.stderr.write(`docbits: ${printable(file.path)}: ${result.error}\n`);
    checked.push({ path: shownPath, findings: result.findings });
    const entry = entries.get(file.path);
    if (entry) {
      entry.findings = result.findings.map((f) => ({
        code: f.code, ...(f.cell === undefined ? {} : { cell: f.cell }), line: f.line + 1, column: f.column, qualname: f.qualname, message: f.message,
      }));
      entry.docstringsWithFindings = docstringsWithFindings(result.findings);
    }
  });
  if (!quiet) {
    // What --fix changed: on stdout before the findings, on stderr with --json (stdout is one object).
    (invocation.json ? process.stderr : process.stdout).write(fixLines + fixesSummary(fixedDocstrings, fixedFiles));
    if (invocation.json) process.stdout.write(`${formatJson(report)}\n`);
    else if (invocation.format === 'concise') process.stdout.write(formatConciseFindings(checked) + findingsSummary(checked));
    else process.stdout.write(formatPydoclintStyle(checked) + findingsSummary(checked));
  }
  return checked.some((f) => f.findings.length > 0) ? 1 : 0;
}

/**
 * `docbits -vv src | head`: when the reader of the output leaves, stop quietly, as a Unix tool does, with the
 * run's exit code (files --fix writes are complete before anything is printed).
 */
function quietWhenTheReaderLeaves(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 1);
    });
  }
}

function main(): void {
  tuneJitForShortRuns(); // jitFlags.ts
  quietWhenTheReaderLeaves();
  run(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      if (error instanceof ReportFileError) {
        process.stderr.write(`docbits: ${printable(error.message)}\n`);
        process.exitCode = 2;
      } else if (error instanceof UsageError) {
        // click's layout, as interrogate prints it: the usage line, a blank line, the error.
        process.stderr.write(`${error.withUsage ? 'Usage: docbits [OPTIONS] [PATHS]...\n\n' : ''}Error: ${error.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`docbits: internal error: ${(error as Error)?.stack ?? error}\nPlease report this with the command line you ran.\n`);
        process.exitCode = 3;
      }
    },
  );
}

if (!runScanWorkerIfRequested()) main();
