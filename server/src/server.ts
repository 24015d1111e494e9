/**
 * The Docbits language server: LSP glue only. Binds the connection's events to the methods of one
 * DocbitsSession (session/session.ts), which holds the state and answers as plain data, and sends what
 * toProto.ts makes of the answers. It decides nothing itself; docs/architecture.md has the layers.
 *
 * Runs as `node dist/server.js --stdio` (or --node-ipc from the VS Code client). Initialization options:
 * `{ debounceMs }` (delay before re-checking a document after an edit; default 150, the bench uses 0) and
 * settings (see sessionOptions). Custom requests: protocol.ts.
 */
import {
  CancellationToken, CodeActionKind, Connection, createConnection, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, ErrorCodes, InitializeParams, InitializeResult, LSPErrorCodes, ProposedFeatures,
  ResponseError, StreamMessageReader, StreamMessageWriter, TextDocumentSyncKind, WorkDoneProgressReporter, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { ADD_ALL_DOCSTRINGS_KIND, UPDATE_ALL_DOCSTRINGS_KIND } from './coverage/actions';
import { answerOrGiveUp } from './session/clientAnswers';
import {
  FILE_COVERAGE_METHOD, FileCoverageParams, FileCoverageResult, WORKSPACE_COVERAGE_METHOD, WorkspaceCoverageParams,
  WorkspaceCoverageResult,
} from './protocol';
import { DocbitsSession, InvalidRequestError, sessionOptions } from './session/session';
import * as toProto from './toProto';
import { isAbortError } from './workspace/abort';
import { openableFilePathOf } from './workspace/documents';
import { runScanWorkerIfRequested } from './workspace/scan';

class DocbitsServer {
  private session?: DocbitsSession;
  private canCreateProgress = false;
  private canWatchFilesDynamically = false;
  private canRegisterConfigurationChange = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guard('initialized', undefined, undefined, () => this.registerWatchers()));
    c.onDidChangeConfiguration((params) => this.guard('didChangeConfiguration', undefined, undefined, () =>
      this.ready.settingsChanged((params.settings as { docbits?: unknown } | null)?.docbits)));
    c.onDidChangeWatchedFiles((params) => this.guard('didChangeWatchedFiles', undefined, undefined, () =>
      this.ready.filesChanged(params.changes.map((change) => openableFilePathOf(change.uri)).filter(isDefined))));
    c.onDidOpenTextDocument(({ textDocument: d }) => this.guard('didOpen', d.uri, undefined, () => this.ready.open(d.uri, d.version, d.text)));
    c.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => this.guard('didChange', d.uri, undefined, () =>
      this.ready.change(d.uri, d.version, contentChanges)));
    c.onDidCloseTextDocument(({ textDocument: d }) => this.guard('didClose', d.uri, undefined, () => this.ready.close(d.uri)));
    c.onHover(({ textDocument, position }) => this.guard('hover', textDocument.uri, null, async () => {
      const hover = await this.ready.hover(textDocument.uri, position.line, position.character);
      return hover && toProto.hover(hover);
    }));
    c.onCodeAction(({ textDocument, context, range }) => this.guard('codeAction', textDocument.uri, [], async () => {
      const actions = await this.ready.codeActions(textDocument.uri, context.diagnostics, context.only, range);
      return actions.map((action) => toProto.codeAction(action, textDocument.uri, context.diagnostics));
    }));
    c.onRequest(FILE_COVERAGE_METHOD, (params: Partial<FileCoverageParams> | undefined) =>
      this.guard(FILE_COVERAGE_METHOD, typeof params?.uri === 'string' ? params.uri : undefined, null, () => this.fileCoverage(params)));
    c.onRequest(WORKSPACE_COVERAGE_METHOD, (params: WorkspaceCoverageParams | undefined, token: CancellationToken) =>
      this.guard(WORKSPACE_COVERAGE_METHOD, undefined, null, () => this.workspaceCoverage(params ?? {}, token)));
    c.listen();
  }

  private get ready(): DocbitsSession {
    if (!this.session) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'docbits: the server is not initialized yet');
    return this.session;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canCreateProgress = Boolean(caps.window?.workDoneProgress);
    this.canWatchFilesDynamically = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    this.canRegisterConfigurationChange = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
    const c = this.connection;
    this.session = new DocbitsSession({
      pullSettings: caps.workspace?.configuration
        ? (uri) => c.workspace.getConfiguration({ scopeUri: uri, section: 'docbits' })
        : undefined,
      publishDiagnostics: (uri, version, diagnostics) => void c.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(toProto.diagnostic) }),
      log: (level, message) => (level === 'error' ? c.console.error(message) : c.console.warn(message)),
    }, sessionOptions(workspaceFolderPaths(params.workspaceFolders, params.rootUri), params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ADD_ALL_DOCSTRINGS_KIND, UPDATE_ALL_DOCSTRINGS_KIND] },
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
    c.workspace.onDidChangeWorkspaceFolders((event) => this.guard('didChangeWorkspaceFolders', undefined, undefined, () =>
      this.ready.foldersChanged(workspaceFolderPaths(event.added, null), workspaceFolderPaths(event.removed, null))));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Custom requests

  private async fileCoverage(params: Partial<FileCoverageParams> | undefined): Promise<FileCoverageResult> {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${FILE_COVERAGE_METHOD} needs {uri: string}`);
    try {
      return await this.ready.fileCoverage(params.uri);
    } catch (err) {
      if (err instanceof InvalidRequestError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
  }

  private async workspaceCoverage(params: WorkspaceCoverageParams, token: CancellationToken): Promise<WorkspaceCoverageResult> {
    const abort = new AbortController();
    const onCancel = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    let progress: WorkDoneProgressReporter | undefined;
    try {
      // Cancelled while the client had not answered about progress: the scan below rejects at once.
      progress = await this.progressFor(params, abort.signal);
      progress?.begin('Docbits: docstring coverage', 0, 'Finding files…', true);
      return await this.ready.workspaceCoverage({
        signal: abort.signal,
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

  /**
   * The client's work-done token if it sent one, else one we create when the client supports it. A client that
   * refuses, or does not answer in time (session/clientAnswers.ts), gets the report without progress.
   */
  private progressFor(params: WorkspaceCoverageParams, signal: AbortSignal): Promise<WorkDoneProgressReporter | undefined> {
    if (params.workDoneToken !== undefined) return Promise.resolve(this.connection.window.attachWorkDoneProgress(params.workDoneToken));
    if (!this.canCreateProgress) return Promise.resolve(undefined);
    return answerOrGiveUp(this.connection.window.createWorkDoneProgress(), { signal });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Fault containment

  /**
   * Runs a handler; an unexpected exception is logged (session.fault) and the handler's neutral result
   * returned, so one bad document never takes the server down. ResponseErrors are answers, not faults.
   */
  private async guard<T>(what: string, uri: string | undefined, fallback: T, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      if (this.session) this.session.fault(what, uri, err);
      else this.connection.console.error(`docbits: internal error in ${what}: ${String(err)}`);
      return fallback;
    }
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function workspaceFolderPaths(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null): string[] {
  const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.map(openableFilePathOf).filter(isDefined);
}

function main(): void {
  new DocbitsServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all)).listen();
}

/**
 * The stdio connection, built from our own reader so that a frame it cannot read ends the server. LSP's framing
 * has no way to find the next message after a bad header or a Content-Length that cuts the body: the library's
 * reader reports the error and then drops everything that follows, so the server would stay alive but deaf and
 * the editor would never restart it. Exiting with an error code is what makes the editor restart it.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((err) => {
    process.stderr.write(`docbits: unreadable message from the client, exiting: ${err.message}\n`);
    process.exit(1);
  });
  // What the library does for a stdio stream it is given (we give it a reader): the client went away.
  let shutdownReceived = false;
  const exitWhenClosed = (): void => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exitWhenClosed).on('close', exitWhenClosed);
  // stdout carries the protocol: a stray console.log must not corrupt it (the library patches console only
  // for the streams it opens itself).
  console.log = console.info = console.debug = console.error;
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // The only shutdown handler (the library keeps one): DocbitsServer has nothing to release.
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  return connection;
}

if (!runScanWorkerIfRequested()) main();
