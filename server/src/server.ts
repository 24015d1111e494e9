/**
 * The Docbits language server: LSP glue only. Binds connection events to the services in coverage/ and
 * workspace/ (inventory, diagnostics, code actions, settings, report) and decides nothing itself.
 *
 * Runs as `node dist/server.js --stdio` (or --node-ipc from the VS Code client). Initialization options:
 * `{ debounceMs }` — delay before re-checking a document after an edit (default 150; the bench uses 0).
 *
 * Custom requests: `docbits/fileCoverage {uri}` and `docbits/workspaceCoverage {}` (DESIGN.md §3; the
 * result shapes are FileCoverageResult below and WorkspaceCoverageResult in workspace/workspaceCoverage.ts).
 */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CancellationToken, CodeAction, CodeActionKind, CodeActionParams, Connection, createConnection, Diagnostic,
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, Hover, HoverParams, InitializeParams,
  InitializeResult, LSPErrorCodes, MarkupKind, ProposedFeatures, ResponseError, ErrorCodes, TextDocuments,
  TextDocumentSyncKind, WorkDoneProgressReporter, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverOptions, effectiveCoverageOptions, EditorSettings, readEditorSettings, DEFAULT_EDITOR_SETTINGS } from './config/editorSettings';
import { ADD_ALL_DOCSTRINGS_KIND, codeActions } from './coverage/actions';
import { configDiagnostics, coverageDiagnostics } from './coverage/diagnostics';
import { countNodes, FileInventory, inventory } from './coverage/inventory';
import { passed, percent } from './coverage/report';
import { CoverageOptions } from './coverage/types';
import { bitsHover } from './bits/hover';
import { isAbortError } from './workspace/abort';
import { analyzeFile } from './workspace/analyzeFile';
import { baseNameOf, displayPathOf, filePathOf, folderOf } from './workspace/documents';
import { FaultLog } from './session/faultLog';
import { ProjectConfig, ProjectConfigCache } from './workspace/projectConfig';
import { runScanWorkerIfRequested } from './workspace/scan';
import { ValidationQueue } from './session/validationQueue';
import { isCheckedFile } from './workspace/checkedFiles';
import { workspaceCoverage, WorkspaceCoverageResult } from './workspace/workspaceCoverage';

export interface FileCoverageResult {
  uri: string;
  total: number;
  covered: number;
  missed: number;
  excused: number;
  percent: number;
  failUnder: number;
  passed: boolean;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** One document's analysis under the options in force when it was made. */
interface Analysis {
  version: number;
  options: CoverageOptions;
  settings: EditorSettings;
  /** undefined when the document is not checked (too large, excluded). */
  inventory?: FileInventory;
  displayPath: string;
}

class DocbitsServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly projectConfigs = new ProjectConfigCache();
  private readonly settingsByUri = new Map<string, Promise<EditorSettings>>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly justOpened = new Set<string>();
  private readonly faults = new FaultLog();
  private readonly reportedConfigProblems = new Set<string>();
  private queue = new ValidationQueue((uri, isCurrent) => this.publishDiagnostics(uri, isCurrent), DEFAULT_DEBOUNCE_MS);
  private folders: string[] = [];
  private canPullConfiguration = false;
  private canCreateProgress = false;
  private canWatchFilesDynamically = false;
  private canRegisterConfigurationChange = false;
  /** Settings pushed with didChangeConfiguration, for clients that cannot answer workspace/configuration. */
  private pushedSettings: EditorSettings = DEFAULT_EDITOR_SETTINGS;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guard('initialized', undefined, undefined, () => this.registerWatchers()));
    c.onDidChangeConfiguration((params) => this.guard('didChangeConfiguration', undefined, undefined, () => {
      const pushed = (params.settings as { docbits?: unknown } | null)?.docbits;
      if (pushed !== undefined) this.pushedSettings = readEditorSettings(pushed).settings;
      this.settingsByUri.clear();
      this.recheckAll();
    }));
    c.onDidChangeWatchedFiles((params) => this.guard('didChangeWatchedFiles', undefined, undefined, () => {
      if (!params.changes.some((change) => ProjectConfigCache.isConfigFile(change.uri))) return;
      this.projectConfigs.clear();
      this.reportedConfigProblems.clear();
      this.recheckAll();
    }));
    this.documents.onDidOpen(({ document }) => this.guard('didOpen', document.uri, undefined, () => {
      this.justOpened.add(document.uri);
      this.queue.requestNow(document.uri);
    }));
    this.documents.onDidChangeContent(({ document }) => this.guard('didChange', document.uri, undefined, () => {
      // TextDocuments reports an open as a change too; the open was handled above.
      if (this.justOpened.delete(document.uri)) return;
      this.queue.request(document.uri);
    }));
    this.documents.onDidClose(({ document }) => this.guard('didClose', document.uri, undefined, () => {
      this.queue.forget(document.uri);
      this.analyses.delete(document.uri);
      this.settingsByUri.delete(document.uri);
      this.justOpened.delete(document.uri);
      void c.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }));
    c.onHover((params) => this.guard('hover', params.textDocument.uri, null, () => this.hover(params)));
    c.onCodeAction((params) => this.guard('codeAction', params.textDocument.uri, [], () => this.codeActions(params)));
    c.onRequest('docbits/fileCoverage', (params: { uri?: unknown }) =>
      this.guard('docbits/fileCoverage', typeof params?.uri === 'string' ? params.uri : undefined, null, () => this.fileCoverage(params)));
    c.onRequest('docbits/workspaceCoverage', (params: { workDoneToken?: string | number } | undefined, token: CancellationToken) =>
      this.guard('docbits/workspaceCoverage', undefined, null, () => this.workspaceCoverage(params ?? {}, token)));
    this.documents.listen(c);
    c.listen();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canPullConfiguration = Boolean(caps.workspace?.configuration);
    this.canCreateProgress = Boolean(caps.window?.workDoneProgress);
    this.canWatchFilesDynamically = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    this.canRegisterConfigurationChange = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
    this.folders = workspaceFolderPaths(params.workspaceFolders, params.rootUri);
    // Settings may also come with initialization: `{settings: {docbits: {...}}}`, or `{docbits: {...}}` (Helix's `config`).
    const init = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown; docbits?: unknown };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) {
      this.queue = new ValidationQueue((uri, isCurrent) => this.publishDiagnostics(uri, isCurrent), init.debounceMs);
    }
    if (init.docbits !== undefined) this.pushedSettings = readEditorSettings(init.docbits).settings;
    else if (init.settings !== undefined) this.pushedSettings = readEditorSettings((init.settings as { docbits?: unknown }).docbits ?? init.settings).settings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ADD_ALL_DOCSTRINGS_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docbits', version: '0.1.0' },
    };
  }

  private registerWatchers(): void {
    const c = this.connection;
    if (this.canWatchFilesDynamically) {
      void c.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/pyproject.toml' }, { globPattern: '**/setup.cfg' }],
      });
    }
    if (this.canRegisterConfigurationChange) void c.client.register(DidChangeConfigurationNotification.type, { section: 'docbits' });
    c.workspace.onDidChangeWorkspaceFolders((event) => this.guard('didChangeWorkspaceFolders', undefined, undefined, () => {
      const removed = new Set(workspaceFolderPaths(event.removed, null));
      this.folders = [...this.folders.filter((f) => !removed.has(f)), ...workspaceFolderPaths(event.added, null)];
      this.recheckAll();
    }));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Settings and analysis

  private editorSettings(uri: string): Promise<EditorSettings> {
    if (!this.canPullConfiguration) return Promise.resolve(this.pushedSettings);
    let settings = this.settingsByUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'docbits' })
        .then((raw) => readEditorSettings(raw).settings, () => this.pushedSettings);
      this.settingsByUri.set(uri, settings);
    }
    return settings;
  }

  private projectConfig(filePath: string | undefined): ProjectConfig | undefined {
    if (filePath === undefined) return undefined;
    const config = this.projectConfigs.forFile(filePath);
    if (config.path && !this.reportedConfigProblems.has(config.path)) {
      // Once per config file and version: its problems as diagnostics on it (an empty list clears old ones).
      this.reportedConfigProblems.add(config.path);
      void this.connection.sendDiagnostics({ uri: pathToFileURL(config.path).href, diagnostics: configDiagnostics(config.problems) });
    }
    return config;
  }

  /** The document's inventory under its current settings (cached per version until settings change). */
  private analyze(document: TextDocument, settings: EditorSettings): Analysis {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings) return cached;
    const filePath = filePathOf(document.uri);
    const options = effectiveCoverageOptions(settings, this.projectConfig(filePath), filePath && folderOf(filePath, this.folders));
    const displayPath = displayPathOf(document.uri, filePath, this.folders);
    const text = document.getText();
    const checked = text.length <= settings.maxFileSize && isCheckedFile(filePath, options, this.folders);
    const analysis: Analysis = {
      version: document.version, options, settings, displayPath,
      inventory: checked ? inventory(text, baseNameOf(displayPath), options) : undefined,
    };
    this.analyses.set(document.uri, analysis);
    return analysis;
  }

  private async publishDiagnostics(uri: string, isCurrent: () => boolean): Promise<void> {
    await this.guard('diagnostics', uri, undefined, async () => {
      const settings = await this.editorSettings(uri);
      const document = this.documents.get(uri);
      // Typed again, closed or reconfigured while the settings were on their way: a newer check will publish.
      if (!isCurrent() || !document) return;
      const analysis = this.analyze(document, settings);
      const diagnostics: Diagnostic[] = analysis.inventory ? coverageDiagnostics(analysis.inventory, analysis.displayPath, settings.severity) : [];
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    });
  }

  private recheckAll(): void {
    this.analyses.clear();
    for (const document of this.documents.all()) this.queue.requestNow(document.uri);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Requests

  private async hover(params: HoverParams): Promise<Hover | null> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await this.editorSettings(document.uri);
    const hover = bitsHover(document.getText(), params.position.line, params.position.character, hoverOptions(settings));
    return hover && { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await this.editorSettings(document.uri);
    const analysis = this.analyze(document, settings);
    if (!analysis.inventory) return [];
    return codeActions({
      uri: document.uri, text: document.getText(), inventory: analysis.inventory, diagnostics: params.context.diagnostics,
      only: params.context.only, style: settings.docstringStyle,
    });
  }

  private async fileCoverage(params: { uri?: unknown }): Promise<FileCoverageResult> {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'docbits/fileCoverage needs {uri: string}');
    const uri = params.uri;
    const settings = await this.editorSettings(uri);
    const document = this.documents.get(uri);
    let totals: { total: number; covered: number; missed: number; excused: number };
    let options: CoverageOptions;
    if (document) {
      const analysis = this.analyze(document, settings);
      options = analysis.options;
      totals = countNodes(analysis.inventory?.nodes ?? []);
    } else {
      const filePath = filePathOf(uri);
      if (filePath === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `docbits: ${uri} is neither open nor a file`);
      options = effectiveCoverageOptions(settings, this.projectConfig(filePath), folderOf(filePath, this.folders));
      const coverage = analyzeFile(filePath, displayPathOf(uri, filePath, this.folders), options, settings.maxFileSize);
      if (coverage.error) throw new ResponseError(ErrorCodes.InvalidParams, `docbits: ${uri}: ${coverage.error}`);
      totals = coverage;
    }
    const pct = percent(totals);
    return {
      uri, total: totals.total, covered: totals.covered, missed: totals.missed, excused: totals.excused,
      percent: pct, failUnder: options.failUnder, passed: passed(options.failUnder, pct),
    };
  }

  private async workspaceCoverage(params: { workDoneToken?: string | number }, token: CancellationToken): Promise<WorkspaceCoverageResult> {
    const progress = await this.progressFor(params);
    const abort = new AbortController();
    const onCancel = token.onCancellationRequested(() => abort.abort());
    progress?.begin('Docbits: docstring coverage', 0, 'Finding files…', true);
    try {
      const folders = await Promise.all(this.folders.map(async (folder) => {
        const settings = await this.editorSettings(pathToFileURL(folder).href);
        const options = effectiveCoverageOptions(settings, this.projectConfig(path.join(folder, '__init__.py')), folder);
        return { path: folder, options, maxFileBytes: settings.maxFileSize };
      }));
      const open = new Map<string, string>();
      for (const document of this.documents.all()) {
        const filePath = document.uri.startsWith('file:') ? safeFilePath(document.uri) : undefined;
        if (filePath !== undefined) open.set(filePath, document.getText());
      }
      return await workspaceCoverage(folders, open, {
        signal: abort.signal,
        onLog: (message) => this.connection.console.warn(`docbits: ${message}`),
        onProgress: (done, total) => progress?.report(total > 0 ? (100 * done) / total : 0, `${done}/${total} files`),
      });
    } catch (err) {
      if (isAbortError(err) || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Workspace coverage cancelled');
      throw err;
    } finally {
      onCancel.dispose();
      progress?.done();
    }
  }

  /** The client's work-done token if it sent one, else one we create when the client supports it. */
  private async progressFor(params: { workDoneToken?: string | number }): Promise<WorkDoneProgressReporter | undefined> {
    if (params.workDoneToken !== undefined) return this.connection.window.attachWorkDoneProgress(params.workDoneToken);
    if (!this.canCreateProgress) return undefined;
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch {
      return undefined; // the client refused: run without progress
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Fault containment

  /**
   * Runs a handler; an unexpected exception is logged once (with the document's URI) and the handler's
   * neutral result returned, so one bad document never takes the server down. ResponseErrors are answers,
   * not faults: they pass through.
   */
  private async guard<T>(what: string, uri: string | undefined, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      const line = this.faults.describe(what, uri, err);
      if (line) this.connection.console.error(line);
      return fallback;
    }
  }
}

function safeFilePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function workspaceFolderPaths(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null): string[] {
  const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.map(safeFilePath).filter((p): p is string => p !== undefined);
}

function main(): void {
  new DocbitsServer(createConnection(ProposedFeatures.all)).listen();
}

if (!runScanWorkerIfRequested()) main();
