/**
 * The Docbits language server: LSP glue only. Binds the connection's events to the methods of one
 * DocbitsSession (session/session.ts), which holds the state and answers as plain data, and sends what
 * toProto.ts makes of the answers. It decides nothing itself; docs/architecture.md has the layers.
 *
 * Runs as `node dist/server.js --stdio` (or --node-ipc from the VS Code client, --socket=PORT, --pipe=NAME). Initialization options:
 * `{ debounceMs }` (delay before re-checking a document after an edit; default 150, the bench uses 0) and
 * settings (see sessionOptions). Custom requests: protocol.ts.
 */
import { connect as netConnect } from 'net';
import {
  CancellationToken, CodeActionKind, CodeActionTriggerKind, Connection, createConnection, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, ErrorCodes, InitializeParams, InitializeResult, LSPErrorCodes, ProposedFeatures,
  AbstractMessageReader, DataCallback, Disposable, Message, MessageReader, MessageWriter, ResponseError, SocketMessageWriter,
  StreamMessageWriter, TextDocumentSyncKind, WorkDoneProgressReporter, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { ADD_ALL_DOCSTRINGS_KIND, UPDATE_ALL_DOCSTRINGS_KIND } from './coverage/actions';
import { answerOrGiveUp } from './session/clientAnswers';
import {
  FILE_COVERAGE_METHOD, FileCoverageParams, FileCoverageResult, WORKSPACE_COVERAGE_METHOD, WorkspaceCoverageParams,
  WorkspaceCoverageResult,
} from './protocol';
import { DocbitsSession, InvalidRequestError, sessionOptions } from './session/session';
import * as toProto from './toProto';
import { tuneJitForShortRuns } from './jitFlags';
import { ReadBackpressure } from './transport/backpressure';
import { MessageFraming } from './transport/framing';
import { isAbortError } from './workspace/abort';
import { openableFilePathOf } from './workspace/documents';
import { runScanWorkerIfRequested } from './workspace/scan';

class DocbitsServer {
  private session?: DocbitsSession;
  private canCreateProgress = false;
  private canWatchFilesDynamically = false;
  private canRegisterConfigurationChange = false;
  private canTellFolderChanges = false;
  /** The client asks for a code action's edit when the user picks it (codeAction/resolve). */
  private canResolveCodeActionEdits = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guard('initialized', undefined, undefined, () => {
      this.registerWatchers();
      // Primes the JIT in slices while the server is quiet (session/warmUp.ts).
      void this.ready.warmUp();
    }));
    c.onDidChangeConfiguration((params) => this.guard('didChangeConfiguration', undefined, undefined, () =>
      this.ready.settingsChanged((params.settings as { docbits?: unknown } | null)?.docbits)));
    c.onDidChangeWatchedFiles((params) => this.guard('didChangeWatchedFiles', undefined, undefined, () =>
      this.ready.filesChanged(params.changes.map((change) => openableFilePathOf(change.uri)).filter(isDefined))));
    c.onDidOpenTextDocument(({ textDocument: d }) => this.guard('didOpen', d.uri, undefined, () => this.ready.open(d.uri, d.version, d.text)));
    c.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => this.guard('didChange', d.uri, undefined, () =>
      this.ready.change(d.uri, d.version, contentChanges)));
    c.onDidCloseTextDocument(({ textDocument: d }) => this.guard('didClose', d.uri, undefined, () => this.ready.close(d.uri)));
    const notebooks = c.notebooks.synchronization;
    notebooks.onDidOpenNotebookDocument(({ notebookDocument: n, cellTextDocuments }) => this.guard('notebookDocument/didOpen', n.uri, undefined, () =>
      this.ready.openNotebook(n.uri, n.version, n.cells, cellTextDocuments)));
    notebooks.onDidChangeNotebookDocument(({ notebookDocument: n, change }) => this.guard('notebookDocument/didChange', n.uri, undefined, () =>
      this.ready.changeNotebook(n.uri, n.version, change)));
    notebooks.onDidCloseNotebookDocument(({ notebookDocument: n }) => this.guard('notebookDocument/didClose', n.uri, undefined, () =>
      this.ready.closeNotebook(n.uri)));
    c.onHover(({ textDocument, position }) => this.guard('hover', textDocument.uri, null, async () => {
      const hover = await this.ready.hover(textDocument.uri, position.line, position.character);
      return hover && toProto.hover(hover);
    }));
    c.onCodeAction(({ textDocument, context, range }) => this.guard('codeAction', textDocument.uri, [], async () => {
      const automatic = context.triggerKind === CodeActionTriggerKind.Automatic;
      const actions = await this.ready.codeActions(textDocument.uri, context.diagnostics, context.only, range,
        { automatic, deferFileWideEdits: this.canResolveCodeActionEdits });
      return actions.map((action) => toProto.codeAction(action, textDocument.uri, context.diagnostics));
    }));
    c.onCodeActionResolve((action) => this.guard('codeAction/resolve', toProto.deferredActionOf(action)?.uri, action, async () => {
      const deferred = toProto.deferredActionOf(action);
      if (!deferred) return action;
      const resolved = await this.ready.resolveCodeAction(deferred.uri, deferred.kind);
      // Offered, then made obsolete by typing (every definition documented by now): an edit that changes nothing.
      return { ...action, edit: resolved ? toProto.codeAction(resolved, deferred.uri, []).edit : { changes: {} } };
    }));
    c.onRequest(FILE_COVERAGE_METHOD, (...args: unknown[]) => {
      const { params } = namedRequestArgs<Partial<FileCoverageParams>>(args);
      return this.guard(FILE_COVERAGE_METHOD, typeof params?.uri === 'string' ? params.uri : undefined, null, () => this.fileCoverage(params));
    });
    c.onRequest(WORKSPACE_COVERAGE_METHOD, (...args: unknown[]) => {
      const { params, token, byPosition } = namedRequestArgs<WorkspaceCoverageParams>(args);
      if (byPosition) throw new ResponseError(ErrorCodes.InvalidParams, `${WORKSPACE_COVERAGE_METHOD} takes its parameters by name ({} or {"includeText": false})`);
      return this.guard(WORKSPACE_COVERAGE_METHOD, undefined, null, () => this.workspaceCoverage(params ?? {}, token));
    });
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
    this.canTellFolderChanges = Boolean(caps.workspace?.workspaceFolders);
    this.canWatchFilesDynamically = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    this.canRegisterConfigurationChange = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
    const actionCaps = caps.textDocument?.codeAction;
    this.canResolveCodeActionEdits = Boolean(actionCaps?.dataSupport && actionCaps.resolveSupport?.properties.includes('edit'));
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
        // Jupyter notebooks come through notebook sync and are analysed as one module (session/notebooks.ts). Every
        // cell, markdown too, so that cells are numbered as on disk (the workspace report, the CLI).
        notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ADD_ALL_DOCSTRINGS_KIND, UPDATE_ALL_DOCSTRINGS_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'docbits', version: '0.1.0' },
    };
  }

  private registerWatchers(): void {
    const c = this.connection;
    // A client may refuse a registration it advertised (eglot 1.9 answers "Internal error" when it cannot watch
    // the project): a warning, not an unhandled rejection, which would end the server.
    const refused = (what: string) => (err: unknown): void =>
      c.console.warn(`docbits: the editor refused to ${what} (${err instanceof Error ? err.message : String(err)}); restart the server to pick up such changes`);
    if (this.canWatchFilesDynamically) {
      c.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/pyproject.toml' }, { globPattern: '**/setup.cfg' }],
      }).catch(refused('watch pyproject.toml and setup.cfg for changes'));
    }
    if (this.canRegisterConfigurationChange) {
      c.client.register(DidChangeConfigurationNotification.type, { section: 'docbits' }).catch(refused('tell of settings changes'));
    }
    // The library throws on a client that cannot tell of folder changes: nothing to listen to then.
    if (!this.canTellFolderChanges) return;
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
        includeText: params.includeText,
        verbosity: params.verbosity === 1 ? 1 : 2,
        ...(typeof params.since === 'string' && { since: params.since }),
        ...(isLineCount(params.maxTextLines) && { maxTextLines: params.maxTextLines }),
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
    this.session?.active(); // the warm-up waits for a quiet server (session/warmUp.ts)
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

/**
 * A custom request's parameters and token as the library hands them over: `(token)` when the client sent no
 * params, `(params, token)` for params by name, `(...params, token)` for params by position (which these
 * requests do not take: `byPosition`; an empty list cannot be told from no params, and is taken as none).
 */
function namedRequestArgs<P>(args: unknown[]): { params: P | undefined; token: CancellationToken; byPosition: boolean } {
  const last = args[args.length - 1];
  const token = CancellationToken.is(last) ? last : CancellationToken.None;
  const rest = CancellationToken.is(last) ? args.slice(0, -1) : args;
  const first = rest[0];
  const named = rest.length === 1 && first !== null && typeof first === 'object' && !Array.isArray(first);
  return { params: named ? first as P : undefined, token, byPosition: rest.length > 0 && !named };
}

/** A `maxTextLines` the session can use; any other value (a string, -1, 1.5) is ignored: the whole table. */
function isLineCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function workspaceFolderPaths(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null): string[] {
  const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  return uris.map(openableFilePathOf).filter(isDefined);
}

function main(): void {
  tuneJitForShortRuns(); // a document opened right after start is ready ~2x sooner (jitFlags.ts)
  const connection = framedConnection(process.argv.slice(2)) ?? createConnection(ProposedFeatures.all);
  // Node ends the process on a rejected promise nobody handles; a server must log it and go on.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`docbits: internal error (a failure nothing handled): ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  });
  new DocbitsServer(connection).listen();
}

/** The framed transports the library would open for these arguments (its own parsing rules), or none. */
type FramedTransport = { kind: 'stdio' } | { kind: 'socket'; port: number } | { kind: 'pipe'; name: string };

function framedTransportOf(argv: string[]): FramedTransport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--node-ipc') return undefined; // messages, not frames: nothing to misread
    if (flag === '--stdio') return { kind: 'stdio' };
    if (flag === '--socket') {
      const port = Number.parseInt(value ?? '', 10);
      return port > 0 ? { kind: 'socket', port } : undefined;
    }
    if (flag === '--pipe') return value ? { kind: 'pipe', name: value } : undefined;
  }
  return undefined;
}

/** The library's MessageReader over our framing (transport/framing.ts), telling the backpressure of each message. */
class FramedStreamReader extends AbstractMessageReader {
  constructor(private readonly input: NodeJS.ReadableStream, private readonly backpressure: ReadBackpressure) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const framing = new MessageFraming((message) => {
      this.backpressure.read(message as object);
      callback(message as Message);
    }, (error) => this.fireError(error));
    const onData = (chunk: Buffer | string): void => framing.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf-8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData).on('error', onError).on('close', onClose);
    return Disposable.create(() => {
      this.backpressure.dispose();
      this.input.off('data', onData).off('error', onError).off('close', onClose);
    });
  }
}

/**
 * A connection over a framed transport (stdio, --socket, --pipe), built from our own reader so that a frame it
 * cannot read ends the server. LSP's framing has no way to find the next message after a bad header or a
 * Content-Length that cuts the body: the library's reader reports the error and then drops everything that
 * follows, so the server would stay alive but deaf and the editor would never restart it. Exiting with an
 * error code is what makes the editor restart it.
 */
function framedConnection(argv: string[]): Connection | undefined {
  const transport = framedTransportOf(argv);
  if (!transport) return undefined;
  let writer: MessageWriter;
  let input: NodeJS.ReadableStream;
  if (transport.kind === 'stdio') {
    input = process.stdin;
    writer = new StreamMessageWriter(process.stdout);
  } else {
    const socket = transport.kind === 'socket' ? netConnect(transport.port, '127.0.0.1') : netConnect(transport.name);
    input = socket;
    writer = new SocketMessageWriter(socket);
  }
  const backpressure = new ReadBackpressure(input);
  const reader: MessageReader = new FramedStreamReader(input, backpressure);
  reader.onError((err) => {
    process.stderr.write(`docbits: unreadable message from the client, exiting: ${err.message}\n`);
    process.exit(1);
  });
  // What the library does for a stream it is given (we give it a reader): the client went away.
  let shutdownReceived = false;
  const exitWhenClosed = (): void => process.exit(shutdownReceived ? 0 : 1);
  input.on('end', exitWhenClosed).on('close', exitWhenClosed);
  // On stdio, stdout carries the protocol: a stray console.log must not corrupt it (the library patches
  // console only for the streams it opens itself).
  if (transport.kind === 'stdio') console.log = console.info = console.debug = console.error;
  const connection = createConnection(ProposedFeatures.all, reader, writer, {
    messageStrategy: { handleMessage: (message, next) => { backpressure.handled(message); next(message); } },
  });
  // The only shutdown handler (the library keeps one): DocbitsServer has nothing to release.
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  return connection;
}

if (!runScanWorkerIfRequested()) main();
