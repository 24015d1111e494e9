/**
 * The language server's state and answers, as plain data: the open documents, the editor settings, the
 * project configs and one analysis per document version. server.ts binds LSP's events to the methods of one
 * DocbitsSession and translates what they return to LSP's types; nothing here knows the connection, so the
 * session is tested in-process (test/session/).
 *
 * How a keystroke travels (docs/architecture.md): didChange -> change() applies the edit -> the validation
 * queue waits out the burst -> check() gets the settings, analyses the new version once -> the host
 * publishes the diagnostics. Code actions, hovers and file coverage of that version reuse the analysis.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { thresholdOf } from '../coverage/perPath';
import { perPathLabel } from '../coverage/reportTree';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { bitsHover, BitsHover } from '../bits/hover';
import { ModuleIndexCache } from '../bits/imports';
import { WorkspaceModuleReader } from './moduleReader';
import { codeActions, CoverageAction, DiagnosticRef, requestedKinds } from '../coverage/actions';
import { NotebookModule } from '../python/notebook';
import { ModuleStructure, parseStructure } from '../python/structure';
import { docstringUpdateActions, UpdateActionInput } from '../docstrings/actions';
import { ConfigProblem } from '../config/types';
import { configDiagnostics, CoverageDiagnostic, coverageDiagnostics, DIAGNOSTIC_SOURCE } from '../coverage/diagnostics';
import { qualityDiagnostics } from '../docstrings/checks/diagnostics';
import type { FindingsMemo } from '../docstrings/checks';
import { withMarkers } from '../docstrings/checks/options';
import { countNodes } from '../coverage/inventory';
import { passed, percent } from '../coverage/report';
import { effectiveCoverageOptions, EditorSettings, hoverOptions } from '../config/editorSettings';
import { FileCoverageResult } from '../protocol';
import { analyzeFile, isTooLargeError, isVanishedError } from '../workspace/analyzeFile';
import { isPythonFileName, NotMeasuredReason, realPathOrSelf, selectionReason, skippedReason } from '../workspace/checkedFiles';
import { excludesAsOpened } from '../workspace/walk';
import { displayPathOf, filePathOf, folderOf, openableFilePathOf } from '../workspace/documents';
import { ScanCache } from '../workspace/scanCache';
import { workspaceCoverage, WorkspaceCoverageResult } from '../workspace/workspaceCoverage';
import { DocumentAnalysis } from './analysis';
import { EditorInheritance, inheritedHover } from './inheritedDocstrings';
import { ChangedDefinitions, changedInventory, ChangedSince } from './changedSince';
import { changedFindings } from '../coverage/changedDefinitions';
import type { CoverageNode } from '../coverage/types';
import { nodeModuleFileSystem } from '../python/modules';
import { EditorSettingsStore, PullSettings } from './editorSettingsStore';
import { firstLines } from './firstLines';
import { FaultLog } from './faultLog';
import { byCell, CellTextItem, NotebookCellRef, NotebookChange, OpenNotebook } from './notebooks';
import { ProjectConfigs } from './projectConfigs';
import { ReportDeltas } from './reportDeltas';
import { SharedRun } from './sharedRun';
import { ValidationQueue } from './validationQueue';
import { QUIET_MS, warmUp } from './warmUp';

/** What the session needs from the editor's side; server.ts implements it over the LSP connection. */
export interface SessionHost {
  /** Ask the editor for a document's `docbits` settings; absent when the editor cannot answer. */
  pullSettings?: PullSettings;
  /** New diagnostics for a document (or, with version undefined, for a config file). */
  publishDiagnostics(uri: string, version: number | undefined, diagnostics: CoverageDiagnostic[]): void;
  /** A line for the editor's log. */
  log(level: 'error' | 'warning', message: string): void;
}

export interface SessionOptions {
  /** Absolute paths of the workspace folders. */
  folders: readonly string[];
  /** Delay before re-checking a document after an edit (ms). */
  debounceMs: number;
  /** Settings the editor sent with initialization (the object under `docbits`), if any. */
  initialSettings?: unknown;
  /** How long to wait for the editor's `workspace/configuration` answer (default: session/clientAnswers.ts). */
  settingsTimeoutMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 150;

/**
 * The session's options from LSP's initializationOptions: `{debounceMs}` (the bench and tests use 0), and
 * settings as `{settings: {docbits: {...}}}`, `{settings: {...}}` or `{docbits: {...}}` (Helix's `config`).
 */
export function sessionOptions(folders: readonly string[], initializationOptions: unknown): SessionOptions {
  const init = (typeof initializationOptions === 'object' && initializationOptions !== null ? initializationOptions : {}) as
    { debounceMs?: unknown; settings?: unknown; docbits?: unknown };
  const debounceMs = typeof init.debounceMs === 'number' && init.debounceMs >= 0 ? init.debounceMs : DEFAULT_DEBOUNCE_MS;
  const settings = init.settings as { docbits?: unknown } | null | undefined;
  const initialSettings = init.docbits !== undefined ? init.docbits : settings !== undefined ? settings?.docbits ?? settings : undefined;
  return { folders, debounceMs, initialSettings };
}

/** A request the session cannot answer as asked (bad parameters): the server answers it with an error. */
export class InvalidRequestError extends Error {}

/** An open document and the revision of its text: bumped by every open and change, whatever the version says. */
interface OpenDocument {
  document: TextDocument;
  revision: number;
  /** The parse of this revision's text, made ahead while its settings were asked for (parseAhead). */
  structure?: ModuleStructure;
}

export class DocbitsSession {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly analyses = new Map<string, DocumentAnalysis>();
  /** Open notebooks by URI; each is also in `documents`, as the text of its module. */
  private readonly notebooks = new Map<string, OpenNotebook>();
  /** Cell document URI -> the URI of its notebook. */
  private readonly cellOwners = new Map<string, string>();
  /** Revisions of document texts, session-wide so a closed and re-opened document never repeats one. */
  private lastRevision = 0;
  /** Bumped by anything a workspace report reads (texts, settings, configs, folders): see sharedRun.ts. */
  private stateKey = 0;
  private readonly workspaceRuns = new SharedRun<WorkspaceCoverageResult>();
  /** Analyses of the last workspace report, so the next one re-analyses only changed files. */
  readonly scanCache = new ScanCache();
  /** What the last workspace report answered, so a client holding it gets only the changes (`since`). */
  private readonly reportDeltas = new ReportDeltas();
  private readonly settings: EditorSettingsStore;
  private readonly configs: ProjectConfigs;
  private readonly queue: ValidationQueue;
  private readonly faults = new FaultLog();
  private folders: string[];
  /** Other modules of the workspace, for names a hovered file imports (bits/imports.ts). */
  private readonly modules = new WorkspaceModuleReader(() => this.folders, (file) => this.openTextOf(file));
  private readonly moduleIndexes = new ModuleIndexCache();
  /** The files at BASE, for `docbits.coverage.changedSince`. */
  private readonly changedSince = new ChangedSince();
  /** Bases of classes in other files, for inherit-docstrings. */
  private readonly inheritance = new EditorInheritance(() => this.folders, (file) => this.openTextOf(file));

  constructor(private readonly host: SessionHost, options: SessionOptions) {
    this.folders = [...options.folders];
    this.settings = new EditorSettingsStore(host.pullSettings, (problems) => {
      for (const problem of problems) this.host.log('warning', `docbits: settings: ${problem.message}`);
    }, options.settingsTimeoutMs);
    if (options.initialSettings !== undefined) this.settings.changed(options.initialSettings);
    this.configs = new ProjectConfigs((configPath, problems) => this.publishConfigProblems(configPath, problems));
    this.queue = new ValidationQueue((uri, isCurrent) => this.check(uri, isCurrent), options.debounceMs);
  }

  /** When the editor last sent something or a check ended (performance.now()): the warm-up waits for quiet. */
  private lastActivity = performance.now();
  /** Whether the warm-up runs (the server started it), and whether it has warmed the quality checks. */
  private warming = { started: false, quality: false };

  /**
   * Primes the JIT on the editor's hot paths while the server is quiet (session/warmUp.ts); the quality
   * checks' paths too, once a document is checked with them.
   */
  warmUp(): Promise<void> {
    this.warming.started = true;
    return warmUp({ busy: () => this.busy() });
  }

  /** The editor sent something (server.ts, every handler): the warm-up waits until it has been quiet a while. */
  active(): void {
    this.lastActivity = performance.now();
  }

  private busy(): boolean {
    return performance.now() - this.lastActivity < QUIET_MS || this.queue.anyPending;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Documents

  /** Opening a document that is open already replaces its text (some clients re-send didOpen). */
  open(uri: string, version: number, text: string): void {
    const open: OpenDocument = { document: TextDocument.create(uri, 'python', version, text), revision: ++this.lastRevision };
    this.documents.set(uri, open);
    this.stateKey++;
    this.queue.requestNow(uri);
    this.parseAhead(open);
    this.recheckReaders([uri]);
  }

  /**
   * The check of an opened document waits for its settings (a `workspace/configuration` round trip through the
   * editor) before it can parse. The parse needs only the text, so it is made in that wait, once the request
   * is written (setImmediate runs after the write's microtasks): the round trip and the parse overlap. A text
   * over the size limit or outside the selection under the pushed settings is not parsed (the check would not
   * parse it either); nor one checked or replaced meanwhile.
   */
  private parseAhead(open: OpenDocument): void {
    if (!this.settings.asksEditor) return; // the check ran at once, with the pushed settings
    const revision = open.revision;
    setImmediate(() => {
      const current = this.documents.get(open.document.uri);
      if (current !== open || open.revision !== revision || this.analyses.get(open.document.uri)?.revision === revision) return;
      const text = open.document.getText();
      const pushed = this.settings.pushedSettings;
      if (text.length > pushed.maxFileSize) return;
      try {
        const filePath = filePathOf(open.document.uri);
        const options = effectiveCoverageOptions(pushed, filePath === undefined ? undefined : this.configs.forFile(filePath), filePath && folderOf(filePath, this.folders));
        if (selectionReason(filePath, options, this.folders)) return;
        open.structure = parseStructure(text);
      } catch {
        // the check parses again and reports the fault
      }
    });
  }

  /**
   * A new text, whatever its version number says: clients that reuse a version still get diagnostics of
   * what they sent. Only the changes from the last full-text one on are applied (the earlier ones are
   * overwritten by it), so a notification carrying many whole texts costs one.
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const open = this.documents.get(uri);
    if (!open) return;
    let from = 0;
    for (let i = changes.length - 1; i >= 0; i--) {
      if (!('range' in changes[i])) {
        from = i;
        break;
      }
    }
    open.document = TextDocument.update(open.document, from === 0 ? changes : changes.slice(from), version);
    open.revision = ++this.lastRevision;
    open.structure = undefined;
    this.stateKey++;
    this.queue.request(uri);
    this.recheckReaders([uri]);
  }

  /** A notebook opened (LSP notebook sync): analysed as one module, its diagnostics published per cell. */
  openNotebook(uri: string, version: number, cells: readonly NotebookCellRef[], texts: readonly CellTextItem[]): void {
    if (this.notebooks.has(uri)) this.closeNotebook(uri);
    const notebook = new OpenNotebook(uri, cells, texts);
    this.notebooks.set(uri, notebook);
    this.notebookChanged(notebook, version, []);
    this.queue.requestNow(uri);
  }

  changeNotebook(uri: string, version: number, change: NotebookChange): void {
    const notebook = this.notebooks.get(uri);
    if (!notebook) return;
    this.notebookChanged(notebook, version, notebook.apply(change));
    this.queue.request(uri);
  }

  closeNotebook(uri: string): void {
    const notebook = this.notebooks.get(uri);
    if (!notebook) return;
    this.notebooks.delete(uri);
    for (const cell of notebook.cellUris) this.cellOwners.delete(cell);
    this.close(uri, notebook.cellUris);
  }

  /** The notebook's module becomes the document's text; removed cells lose their diagnostics. */
  private notebookChanged(notebook: OpenNotebook, version: number, removedCells: readonly string[]): void {
    for (const cell of removedCells) {
      this.cellOwners.delete(cell);
      this.host.publishDiagnostics(cell, undefined, []);
    }
    for (const cell of notebook.cellUris) this.cellOwners.set(cell, notebook.uri);
    this.documents.set(notebook.uri, {
      document: TextDocument.create(notebook.uri, 'python', version, notebook.module.text), revision: ++this.lastRevision,
    });
    this.stateKey++;
  }

  /** The notebook a cell document belongs to, if any. */
  private notebookOfCell(uri: string): OpenNotebook | undefined {
    const owner = this.cellOwners.get(uri);
    return owner === undefined ? undefined : this.notebooks.get(owner);
  }

  /** @param clearUris the documents whose diagnostics to clear (a notebook's cells); default the document */
  close(uri: string, clearUris: readonly string[] = [uri]): void {
    this.stateKey++;
    this.documents.delete(uri);
    this.analyses.delete(uri);
    this.settings.forget(uri);
    this.queue.forget(uri);
    for (const cleared of clearUris) this.host.publishDiagnostics(cleared, undefined, []);
    this.recheckReaders([uri]);
  }

  /**
   * Documents whose inherited docstrings were decided by one of these files (URIs or absolute paths) are
   * analysed again: a base's text changed, or now comes from the editor or the disk instead.
   */
  private recheckReaders(changed: readonly string[]): void {
    const readers = [...this.analyses].filter(([, a]) => a.inherited !== undefined && a.inherited.readFiles.size > 0);
    if (readers.length === 0) return;
    const files = changed.map((c) => (c.startsWith('file:') ? filePathOf(c) : c)).filter((f): f is string => f !== undefined).map(realFilePath);
    for (const [uri, analysis] of readers) {
      if (!files.some((f) => analysis.inherited!.readFiles.has(f))) continue;
      this.analyses.delete(uri);
      this.queue.request(uri);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // What changed around the documents

  /** The editor's settings changed; `pushed` is the new `docbits` object when the editor sent it. */
  settingsChanged(pushed: unknown): void {
    this.stateKey++;
    this.settings.changed(pushed);
    this.configs.settingsChanged();
    this.recheckAll();
  }

  /** Files changed on disk (absolute paths); a config file among them means every document may change. */
  filesChanged(paths: readonly string[]): void {
    this.stateKey++; // any file may be in the workspace report
    this.recheckReaders(paths);
    this.changedSince.forget();
    for (const [uri, analysis] of this.analyses) if (analysis.context.settings.changedSince !== '') this.queue.request(uri);
    if (!paths.some((p) => ProjectConfigs.isConfigFile(p))) return;
    this.configs.clear();
    this.recheckAll();
  }

  foldersChanged(added: readonly string[], removed: readonly string[]): void {
    this.stateKey++;
    const gone = new Set(removed);
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added];
    this.recheckAll();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Answers

  /** The diagnostics of an open document's current version (what check() publishes). */
  async diagnostics(uri: string): Promise<CoverageDiagnostic[] | undefined> {
    const analysis = await this.currentAnalysis(uri);
    return analysis && this.diagnosticsOf(analysis, await this.changedOf(analysis));
  }

  async hover(uri: string, line: number, character: number): Promise<BitsHover | null> {
    const notebook = this.notebookOfCell(uri);
    if (notebook) return this.cellHover(notebook, uri, line, character);
    const analysis = await this.currentAnalysis(uri);
    if (!analysis) return null;
    const inherited = inheritedHover(analysis, line, character);
    if (inherited) return inherited;
    const file = filePathOf(uri);
    this.modules.maxFileSize = analysis.context.settings.maxFileSize;
    this.modules.stdlibPath = analysis.context.settings.stdlibPath;
    this.modules.pythonInterpreter = analysis.context.settings.pythonInterpreter;
    return bitsHover(analysis.text, line, character, hoverOptions(analysis.context.settings), analysis.hoverTokens,
      file === undefined ? undefined : { file, reader: this.modules, cache: this.moduleIndexes });
  }

  /** The unsaved text of the open document at an absolute path, if one is open. */
  private openTextOf(file: string): string | undefined {
    for (const [uri, open] of this.documents) if (filePathOf(uri) === file) return open.document.getText();
    return undefined;
  }

  /**
   * @param how.automatic the editor asks on its own (triggerKind Automatic), not the user: see requestedKinds.
   * @param how.deferFileWideEdits the editor resolves an action's edit when it is picked (resolveCodeAction).
   */
  async codeActions(uri: string, diagnostics: readonly DiagnosticRef[], asked: readonly string[] | undefined, range?: Range,
    how: { automatic?: boolean; deferFileWideEdits?: boolean } = {}): Promise<CoverageAction[]> {
    const only = requestedKinds(asked, how.automatic ?? false);
    const deferFileWideEdits = how.deferFileWideEdits ?? false;
    const notebook = this.notebookOfCell(uri);
    if (notebook) return this.cellCodeActions(notebook, uri, diagnostics, only, range, { deferFileWideEdits, automatic: how.automatic ?? false });
    const analysis = await this.currentAnalysis(uri);
    if (!analysis?.parsed || !analysis.inventory) return [];
    // A request the user made without diagnostics (Neovim 0.7's code_action() given vim.diagnostic entries,
    // which are not LSP-shaped) is answered for ours at the range, as the editor would have sent them. Not the
    // automatic ones (every cursor move in VS Code): those carry the diagnostics there are.
    if (diagnostics.length === 0 && range && !how.automatic) diagnostics = await this.ownDiagnosticsAt(analysis, range);
    const style = analysis.context.settings.docstringStyle;
    const coverage = codeActions({
      file: analysis.parsed, inventory: analysis.inventory, diagnostics, only, style, stubOptions: { lineLength: analysis.context.lineLength },
      deferFileWideEdits,
    });
    return range ? [...coverage, ...docstringUpdateActions({ file: analysis.parsed, range, only, style, diagnostics, ...qualityOf(analysis) })] : coverage;
  }

  /** The diagnostics we publish for this version that touch `range`, as an editor sends them back. */
  private async ownDiagnosticsAt(analysis: DocumentAnalysis, range: Range): Promise<DiagnosticRef[]> {
    const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return this.diagnosticsOf(analysis, await this.changedOf(analysis))
      .filter((d) => before(d.range.start, range.end) && before(range.start, d.range.end))
      .map((d) => ({ range: d.range, source: DIAGNOSTIC_SOURCE, code: d.code, data: d.data }));
  }

  /** A deferred action of `kind` with its edits, made on the document's current text (undefined: no longer offered). */
  async resolveCodeAction(uri: string, kind: string): Promise<CoverageAction | undefined> {
    return (await this.codeActions(uri, [], [kind])).find((action) => action.kind === kind);
  }

  /**
   * The coverage of a document: its current version when open, else the file on disk. A file that is not
   * measured says why (`notMeasured`), and its counts are 0.
   */
  async fileCoverage(uri: string): Promise<FileCoverageResult> {
    // A cell (the editor the status bar follows) answers for its notebook.
    uri = this.cellOwners.get(uri) ?? uri;
    const analysis = await this.currentAnalysis(uri);
    let totals: { total: number; covered: number; missed: number; excused: number } = { total: 0, covered: 0, missed: 0, excused: 0 };
    let failUnder: number;
    let notMeasured: NotMeasuredReason | undefined;
    let notMeasuredDetail: string | undefined;
    let changedSince: FileCoverageResult['changedSince'];
    if (analysis) {
      failUnder = analysis.context.options.failUnder;
      notMeasured = analysis.context.notMeasured;
      if (analysis.inventory?.skipped) notMeasured = skippedReason(analysis.context.options);
      else if (analysis.inventory) {
        totals = countNodes(analysis.inventory.nodes);
        const changed = await this.changedOf(analysis);
        if (changed && 'error' in changed) changedSince = changed;
        else if (changed) {
          const counts = countNodes(analysis.inventory.nodes.filter((n) => changed.nodes.has(n)));
          changedSince = { base: changed.base, total: counts.total, missed: counts.missed };
        }
      }
    } else {
      const filePath = openableFilePathOf(uri);
      if (filePath === undefined) throw new InvalidRequestError(`docbits: ${uri} is neither open nor a file`);
      const settings = await this.settings.forUri(uri);
      const options = effectiveCoverageOptions(settings, this.configs.forFile(filePath), folderOf(filePath, this.folders));
      failUnder = options.failUnder;
      notMeasured = isPythonFileName(filePath) ? selectionReason(filePath, options, this.folders) : 'notPython';
      if (!notMeasured) {
        const coverage = analyzeFile(filePath, displayPathOf(uri, filePath, this.folders), options, settings.maxFileSize);
        if (coverage.error && isVanishedError(coverage.error)) throw new InvalidRequestError(`docbits: ${uri}: ${coverage.error}`);
        if (coverage.error) {
          notMeasured = isTooLargeError(coverage.error) ? 'tooLarge' : 'unreadable';
          notMeasuredDetail = coverage.error;
        } else if (coverage.skipped) notMeasured = skippedReason(options);
        else totals = coverage;
      }
    }
    // A per-path threshold ([tool.docbits.per-path]) is the file's fail-under.
    const filePath = openableFilePathOf(uri);
    const options = analysis?.context.options ?? (filePath === undefined ? undefined : effectiveCoverageOptions(await this.settings.forUri(uri), this.configs.forFile(filePath), folderOf(filePath, this.folders)));
    const threshold = filePath === undefined || !options ? undefined : thresholdOf(filePath, options.perPath);
    if (threshold) failUnder = threshold.failUnder;
    // Named as written: relative to the config file's folder, as per-path keys are.
    const perPath = threshold && perPathLabel(perPathFolder(this.configs.forFile(filePath!).path) ?? path.dirname(filePath!), threshold.prefix);
    const pct = percent(totals);
    return {
      uri, total: totals.total, covered: totals.covered, missed: totals.missed, excused: totals.excused,
      percent: pct, failUnder, passed: passed(failUnder, totals), measured: notMeasured === undefined,
      ...(notMeasured && { notMeasured }), ...(notMeasuredDetail && { notMeasuredDetail }), ...(changedSince && { changedSince }), ...(perPath && { perPath }),
    };
  }

  /**
   * Every workspace folder as interrogate would scan it, open documents' unsaved text included. Concurrent
   * requests share one scan; a request after a change supersedes the running scan, whose requests then reject
   * with an AbortError (session/sharedRun.ts). Rejects with an AbortError when `signal` fires.
   */
  async workspaceCoverage(hooks: {
    signal?: AbortSignal; onProgress?(done: number, total: number): void; includeText?: boolean; verbosity?: 1 | 2; since?: string;
    maxTextLines?: number;
  } = {}): Promise<WorkspaceCoverageResult> {
    // 0: no table, 1: -v, 2: -vv. Requests for different tables share no scan (the key's last digit).
    const table = hooks.includeText === false ? 0 : hooks.verbosity === 1 ? 1 : 2;
    const result = await this.workspaceRuns.join(3 * this.stateKey + table, hooks, (run) => this.scanWorkspace(run, table));
    const answer = this.reportDeltas.answer(result, hooks.since);
    // Cut per request, after the shared scan: requests for other lengths still share it.
    if (hooks.maxTextLines === undefined) return answer;
    const cut = firstLines(answer.text, hooks.maxTextLines);
    return cut.leftOut > 0 ? { ...answer, text: cut.text, textLinesLeftOut: cut.leftOut } : answer;
  }

  private async scanWorkspace(hooks: { signal: AbortSignal; onProgress(done: number, total: number): void }, table: 0 | 1 | 2): Promise<WorkspaceCoverageResult> {
    const folders = await Promise.all(this.folders.map(async (folder) => {
      const settings = await this.settings.forUri(folderUri(folder));
      const resolved = effectiveCoverageOptions(settings, this.configs.forFolder(folder), folder);
      const options = { ...resolved, exclude: [...excludesAsOpened(resolved.exclude, folder, realPathOrSelf(folder))] };
      // Quality on: the report counts each file's docstrings with findings, under the diagnostics' rules.
      const asked = qualityAsked(settings);
      const configured = asked ? this.configs.qualityForFolder(folder, asked.always) : null;
      const quality = configured && withMarkers(configured, options.markers);
      const perPathBase = options.perPath.length > 0 ? perPathFolder(this.configs.forFolder(folder).path) : undefined;
      return {
        path: folder, options, maxFileBytes: settings.maxFileSize, ...(quality ? { quality, qualityRules: settings.qualityRules } : {}),
        ...(perPathBase !== undefined && { perPathFolder: perPathBase }),
      };
    }));
    const unsaved = new Map<string, string | NotebookModule>();
    for (const { document } of this.documents.values()) {
      const filePath = openableFilePathOf(document.uri);
      if (filePath !== undefined) unsaved.set(filePath, this.notebooks.get(document.uri)?.module ?? document.getText());
    }
    return workspaceCoverage(folders, unsaved, {
      signal: hooks.signal,
      onLog: (message) => this.host.log('warning', `docbits: ${message}`),
      onProgress: hooks.onProgress,
      withText: table > 0,
      verbosity: table === 1 ? 1 : 2,
      cache: this.scanCache,
    });
  }

  /**
   * An unexpected exception in a handler: logged once per handler, document and message (a bug hit on every
   * keystroke would bury the log), and the server goes on.
   */
  fault(what: string, uri: string | undefined, error: unknown): void {
    const line = this.faults.describe(what, uri, error);
    if (line) this.host.log('error', line);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Analysis

  /** Validation-queue callback: analyse the current version and publish, unless the user typed meanwhile. */
  private async check(uri: string, isCurrent: () => boolean): Promise<void> {
    try {
      const analysis = await this.currentAnalysis(uri);
      const changed = analysis && (await this.changedOf(analysis));
      // Typed again, closed or reconfigured while the settings (or git) were on their way: a newer check will publish.
      if (!analysis || !isCurrent()) return;
      const notebook = this.notebooks.get(uri);
      if (notebook) {
        // Cells with nothing to say, now and before, are not sent anything: a keystroke costs the cells that change.
        const sorted = byCell(notebook, this.diagnosticsOf(analysis, changed));
        const published = new Set<string>();
        notebook.cellUris.forEach((cell, i) => {
          const diagnostics = sorted.get(cell) ?? [];
          if (diagnostics.length > 0) published.add(cell);
          if (diagnostics.length > 0 || notebook.publishedCells.has(cell)) this.host.publishDiagnostics(cell, notebook.cellVersion(i), diagnostics);
        });
        notebook.publishedCells = published;
      } else this.host.publishDiagnostics(uri, analysis.version, this.diagnosticsOf(analysis, changed));
    } catch (err) {
      this.fault('diagnostics', uri, err);
    } finally {
      this.active();
    }
  }

  /** A hover in a cell: the module's hover at that place, its range back in the cell. */
  private async cellHover(notebook: OpenNotebook, cellUri: string, line: number, character: number): Promise<BitsHover | null> {
    const at = notebook.toModule(cellUri, { start: { line, character }, end: { line, character } });
    const analysis = await this.currentAnalysis(notebook.uri);
    if (!at || !analysis) return null;
    // The cells are one module: a method there inherits as in a file, and says so on its name.
    const hover = inheritedHover(analysis, at.start.line, at.start.character)
      ?? bitsHover(analysis.text, at.start.line, at.start.character, hoverOptions(analysis.context.settings), analysis.hoverTokens);
    const placed = hover && notebook.toCell(hover.range);
    return hover && placed ? { ...hover, range: placed.range } : null;
  }

  /** Code actions on a cell's diagnostics: asked of the module, their edits sent to the cells they fall in. */
  private async cellCodeActions(notebook: OpenNotebook, cellUri: string, diagnostics: readonly DiagnosticRef[],
    only: readonly string[] | undefined, range: Range | undefined, how: { deferFileWideEdits: boolean; automatic: boolean }): Promise<CoverageAction[]> {
    const analysis = await this.currentAnalysis(notebook.uri);
    if (!analysis?.parsed || !analysis.inventory) return [];
    const moduleRange = range && notebook.toModule(cellUri, range);
    // A diagnostic outside the module (a stale one on a cell that is markdown now) keeps its index, fixing nothing.
    // None sent by a request the user made: ours at the range (codeActions says why).
    const inModule = diagnostics.length === 0 && moduleRange && !how.automatic
      ? await this.ownDiagnosticsAt(analysis, moduleRange)
      : diagnostics.map((d) => ({ ...d, range: notebook.toModule(cellUri, d.range) ?? { start: { line: -1, character: 0 }, end: { line: -1, character: 0 } } }));
    const style = analysis.context.settings.docstringStyle;
    const actions = codeActions({
      file: analysis.parsed, inventory: analysis.inventory, diagnostics: inModule, only, style, stubOptions: { lineLength: analysis.context.lineLength },
      deferFileWideEdits: how.deferFileWideEdits,
    });
    if (moduleRange) actions.push(...docstringUpdateActions({ file: analysis.parsed, range: moduleRange, only, style, diagnostics: inModule, ...qualityOf(analysis) }));
    return actions.map((action) => {
      const editsByUri: Record<string, typeof action.edits> = {};
      for (const [cell, edits] of byCell(notebook, action.edits)) if (edits.length > 0) editsByUri[cell] = edits;
      return { ...action, edits: [], editsByUri };
    });
  }

  /** With `docbits.coverage.changedSince`: the definitions the change touches (a file, not a notebook). */
  private async changedOf(analysis: DocumentAnalysis): Promise<ChangedDefinitions | undefined> {
    const base = analysis.context.settings.changedSince;
    const file = filePathOf(analysis.uri);
    if (base === '' || !analysis.inventory || file === undefined || this.notebooks.has(analysis.uri)) return undefined;
    return this.changedSince.changed(file, analysis.text, analysis.inventory, base, analysis.context.settings.maxFileSize);
  }

  /** @param changed with changedSince: only these definitions get coverage and quality diagnostics */
  private diagnosticsOf(analysis: DocumentAnalysis, changed: ChangedDefinitions | undefined): CoverageDiagnostic[] {
    if (!analysis.inventory || !analysis.parsed) return [];
    const { severity, qualityRules } = analysis.context.settings;
    const onlyChanged = changed && 'nodes' in changed ? changed : undefined;
    const inventory = onlyChanged ? changedInventory(analysis.inventory, onlyChanged.nodes) : analysis.inventory;
    const coverage = coverageDiagnostics(inventory, analysis.context.displayPath, severity);
    if (qualityRules.length === 0 || !analysis.context.quality) return coverage;
    const findings = onlyChanged ? changedFindings(analysis.qualityFindings, analysis.parsed.structure, onlyChanged.changes) : analysis.qualityFindings;
    // No findings, no line starts: made for a 20,000-line module they cost more than its diagnostics (7 ms cold).
    if (findings.length === 0) return coverage;
    return [...coverage, ...qualityDiagnostics(findings, analysis.parsed.lineStarts, severity, qualityRules)];
  }

  /** The analysis of an open document's current version under its current settings; made at most once. */
  private async currentAnalysis(uri: string): Promise<DocumentAnalysis | undefined> {
    const settings = await this.settings.forUri(uri);
    const open = this.documents.get(uri);
    if (!open) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.revision === open.revision && cached.context.settings === settings) return cached;
    const analysis = this.analyze(open, settings, cached?.qualityMemo);
    this.analyses.set(uri, analysis);
    if (analysis.context.quality && this.warming.started && !this.warming.quality) {
      this.warming.quality = true;
      void warmUp({ busy: () => this.busy(), quality: analysis.context.quality });
    }
    return analysis;
  }

  /** @param previousQuality the document's previous analysis's quality findings, reused where the text is the same */
  private analyze({ document, revision, structure }: OpenDocument, settings: EditorSettings, previousQuality?: FindingsMemo): DocumentAnalysis {
    // A file URI naming another host throws here: a fault, logged once, and the document gets nothing.
    const filePath = filePathOf(document.uri);
    const config = filePath === undefined ? undefined : this.configs.forFile(filePath);
    const options = effectiveCoverageOptions(settings, config, filePath && folderOf(filePath, this.folders));
    const displayPath = displayPathOf(document.uri, filePath, this.folders);
    const text = document.getText();
    const notMeasured = selectionReason(filePath, options, this.folders) ?? (text.length > settings.maxFileSize ? 'tooLarge' : undefined);
    const asked = qualityAsked(settings);
    const configured = asked && filePath !== undefined ? this.configs.qualityFor(filePath, asked.always) : null;
    // `# nodocqa` means to the checks what it means to coverage: the same marker settings.
    const quality = configured && withMarkers(configured, options.markers);
    const inherit = options.inheritDocstrings && filePath !== undefined
      ? (structure: ModuleStructure, source: string, nodes: readonly CoverageNode[]) => this.inheritance.lookup(filePath, structure, source, nodes, settings.maxFileSize)
      : undefined;
    return new DocumentAnalysis(document.uri, document.version, revision, text, {
      settings, options, displayPath, notMeasured, quality, ...(config?.lineLength === undefined ? {} : { lineLength: config.lineLength }),
      ...(structure && { structure }),
      ...(inherit && { inherit }),
      ...(previousQuality && { previousQuality }),
    });
  }

  private recheckAll(): void {
    this.analyses.clear();
    for (const uri of this.documents.keys()) this.queue.requestNow(uri);
  }

  private publishConfigProblems(configPath: string, problems: readonly ConfigProblem[]): void {
    this.host.publishDiagnostics(folderUri(configPath), undefined, configDiagnostics(problems));
  }
}

/**
 * Whether the editor's settings ask for docstring quality (null: off, or no rule group on); `always`: even in a
 * project without `[tool.pydoclint]` ("on" rather than "auto").
 */
function qualityAsked(settings: EditorSettings): { always: boolean } | null {
  return settings.qualityEnabled !== 'off' && settings.qualityRules.length > 0 ? { always: settings.qualityEnabled === 'on' } : null;
}

/** What the "Update docstring" and noqa actions read of an analysis's docstring quality, when it is checked. */
function qualityOf(analysis: DocumentAnalysis): Pick<UpdateActionInput, 'quality'> {
  const options = analysis.context.quality;
  return options ? { quality: { options, findings: analysis.qualityFindings } } : {};
}

/** The folder per-path keys are relative to: the config file's (per-path is read from config files only). */
function perPathFolder(configPath: string | undefined): string | undefined {
  return configPath === undefined ? undefined : path.dirname(configPath);
}

function realFilePath(file: string): string {
  return nodeModuleFileSystem.realpath(file) ?? file;
}

function folderUri(absolutePath: string): string {
  return pathToFileURL(absolutePath).href;
}
