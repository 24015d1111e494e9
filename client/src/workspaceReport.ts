/**
 * The workspace report as the editor keeps it: run on request under a cancellable progress notification,
 * then kept current quietly (no notification) as Python files are edited, saved, created or deleted and as
 * docbits settings or a project config change. The server re-analyses only what changed (workspace/scanCache.ts),
 * so a quiet re-run on the stdlib costs a walk and stats, and answers only the files that changed since the
 * report the client holds (`since`, coverage/reportDelta.ts). Each report feeds the view, the status bar's
 * workspace line and one summary line in the output channel; with `docbits.report.outputTable` the table too, after
 * every run, the quiet ones included (cut at MAX_TABLE_LINES: outputTable.ts).
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { groupThousands } from '../../server/src/coverage/coverageText';
import { applyReportDelta } from '../../server/src/coverage/reportDelta';
import { WORKSPACE_COVERAGE_METHOD, WorkspaceCoverageParams, WorkspaceCoverageResult } from '../../server/src/protocol';
import { CoverageTreeProvider } from './coverageTree';
import { boundedTable, MAX_TABLE_LINES } from './outputTable';
import { CoverageStatusBar } from './statusBar';

/** Quiet re-runs wait for this long after the last change (a burst of saves or keystrokes is one run). */
const REFRESH_DELAY_MS = 1000;
/**
 * VS Code keeps a progress notification up for at least 800 ms (its progress service waits for
 * `Promise.all([timeout(800), task])` before closing it): the summary waits for it to close, so the two are
 * never shown together.
 */
const NOTIFICATION_MIN_MS = 850;
/** Unreadable files listed one per line in the output channel; the rest are counted. */
const LISTED_PROBLEMS = 20;

export class WorkspaceReports implements vscode.Disposable {
  private last?: WorkspaceCoverageResult;
  private running?: Thenable<unknown>;
  private timer?: NodeJS.Timeout;
  private dirty = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient, private readonly output: vscode.OutputChannel,
    private readonly tree: CoverageTreeProvider, private readonly statusBar: CoverageStatusBar) {
    const python = (d: vscode.TextDocument): boolean => d.languageId === 'python';
    const files = vscode.workspace.createFileSystemWatcher('**/*.{py,pyi,toml,cfg}');
    const onFile = (): void => this.changed();
    this.disposables.push(
      files, files.onDidCreate(onFile), files.onDidDelete(onFile), files.onDidChange(onFile),
      vscode.workspace.onDidChangeTextDocument((e) => { if (python(e.document) && e.contentChanges.length > 0) this.changed(); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (python(d)) this.changed(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('docbits')) this.changed(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed()),
    );
  }

  /** The last report, if one describes the workspace. */
  get current(): WorkspaceCoverageResult | undefined {
    return this.last;
  }

  /**
   * Runs the report under a progress notification; undefined when the user cancelled (and then it says so).
   * The notification closes when the server's answer arrives, before the summary is shown.
   */
  async run(options: { includeText?: boolean } = {}): Promise<WorkspaceCoverageResult | undefined> {
    await Promise.resolve(this.running).catch(() => undefined);
    const started = Date.now();
    // The whole -vv text (Show Coverage Table opens it in an editor), or the table the setting asks for.
    const table = options.includeText ? 'off' : outputTable();
    const params: WorkspaceCoverageParams = options.includeText ? { includeText: true } : tableParams(table);
    const work = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Docbits', cancellable: true }, (progress, token) =>
      this.request(params, token, (message, percentage) => progress.report({ message, increment: percentage })));
    this.running = work;
    let result: WorkspaceCoverageResult | undefined;
    try {
      result = await work;
    } finally {
      this.running = undefined;
      if (this.dirty) {
        this.dirty = false;
        this.changed();
      }
    }
    const shown = Date.now() - started;
    if (shown < NOTIFICATION_MIN_MS) await new Promise((resolve) => setTimeout(resolve, NOTIFICATION_MIN_MS - shown));
    if (!result) {
      this.output.appendLine(`[${clock()}] Workspace coverage cancelled.`);
      void vscode.window.showInformationMessage('Docbits: workspace coverage cancelled.');
      return undefined;
    }
    this.publish(result, Date.now() - started, table);
    return result;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }

  /** Something the report reads changed: re-run quietly, once things settle, if a report is shown. */
  private changed(): void {
    if (!this.last) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return;
    }
    const started = Date.now();
    const table = outputTable();
    const work = this.request(tableParams(table), undefined, () => undefined);
    this.running = work;
    try {
      const result = await work;
      if (result) this.publish(result, Date.now() - started, table, true);
    } catch (err) {
      if (this.client.isRunning()) this.output.appendLine(`[${clock()}] Could not update the workspace report: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = undefined;
      if (this.dirty) {
        this.dirty = false;
        this.changed();
      }
    }
  }

  /** docbits/workspaceCoverage with $/progress turned into (message, increment) reports. */
  private async request(params: WorkspaceCoverageParams, token: vscode.CancellationToken | undefined,
    report: (message: string | undefined, increment: number) => void): Promise<WorkspaceCoverageResult | undefined> {
    const workDoneToken = randomUUID();
    let shown = 0;
    const listener = this.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind !== 'report') return;
      const progress = value as WorkDoneProgressReport;
      const percentage = progress.percentage ?? shown;
      report(progress.message, Math.max(0, percentage - shown));
      shown = Math.max(shown, percentage);
    });
    // Without a token, two arguments only: a third (undefined) would be sent as a second parameter.
    const send = (request: WorkspaceCoverageParams): Promise<WorkspaceCoverageResult> => token
      ? this.client.sendRequest<WorkspaceCoverageResult>(WORKSPACE_COVERAGE_METHOD, request, token)
      : this.client.sendRequest<WorkspaceCoverageResult>(WORKSPACE_COVERAGE_METHOD, request);
    try {
      const held = this.last;
      const answer = await send({ ...params, workDoneToken, ...(held?.etag !== undefined && { since: held.etag }) });
      // A delta against a report we no longer hold (another run answered meanwhile): ask for the whole one.
      return applyReportDelta(held, answer) ?? await send({ ...params, workDoneToken });
    } catch (err) {
      if (token?.isCancellationRequested) return undefined;
      throw err;
    } finally {
      listener.dispose();
    }
  }

  /** The view, the status bar, and the output channel: the summary and, as the setting asks, the table. */
  private publish(result: WorkspaceCoverageResult, ms: number, table: OutputTable, quiet = false): void {
    // A quiet update that changes nothing the summary says adds no line (nor a table: its rows say the same).
    const unchanged = quiet && this.last?.summary === result.summary && problemCount(this.last) === problemCount(result);
    this.last = result;
    this.tree.show(result);
    this.statusBar.setWorkspace({ ...result.totals, failUnder: result.failUnder });
    if (unchanged) return;
    for (const line of summaryLines(result, ms, quiet)) this.output.appendLine(line);
    if (table !== 'off' && result.text) this.output.append(boundedTable(result));
  }
}

/** `docbits.report.outputTable`: the table written to the output channel after each report run. */
type OutputTable = 'off' | 'summary' | 'full';
const OUTPUT_TABLES: readonly OutputTable[] = ['off', 'summary', 'full'];

/** The setting as it is now (read on every run: a change applies to the next one). */
function outputTable(): OutputTable {
  const table = vscode.workspace.getConfiguration('docbits').get<OutputTable>('report.outputTable', 'off');
  return OUTPUT_TABLES.includes(table) ? table : 'off';
}

function tableParams(table: OutputTable): WorkspaceCoverageParams {
  return table === 'off' ? { includeText: false } : { includeText: true, verbosity: table === 'summary' ? 1 : 2, maxTextLines: MAX_TABLE_LINES };
}

function problemCount(result: WorkspaceCoverageResult): number {
  return result.files.reduce((n, f) => n + (f.error ? 1 : 0), 0);
}

/** One line per run, then the files that could not be read (at most LISTED_PROBLEMS of them). */
function summaryLines(result: WorkspaceCoverageResult, ms: number, quiet: boolean): string[] {
  const files = result.files.length;
  const lines = [`[${clock()}] ${result.summary} · ${groupThousands(files)} file${files === 1 ? '' : 's'} in ${(ms / 1000).toFixed(1)} s${quiet ? ' (updated)' : ''}`];
  const problems = result.files.filter((f) => f.error);
  if (problems.length > 0) {
    lines.push(`  ${groupThousands(problems.length)} file${problems.length === 1 ? '' : 's'} could not be read:`);
    for (const f of problems.slice(0, LISTED_PROBLEMS)) lines.push(`    ${f.path}: ${f.error}`);
    if (problems.length > LISTED_PROBLEMS) lines.push(`    … and ${groupThousands(problems.length - LISTED_PROBLEMS)} more (see the Docstring Coverage view)`);
  }
  for (const folder of result.folders) if (folder.error) lines.push(`  ${folder.folder}: ${folder.error}`);
  return lines;
}

function clock(): string {
  return new Date().toLocaleTimeString(undefined, { hour12: false });
}
