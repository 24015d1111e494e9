/**
 * A test client that speaks LSP to `node dist/server.js --stdio` the way an editor does: initialize with
 * workspace folders and workDoneProgress, answer workspace/configuration, client/registerCapability and
 * window/workDoneProgress/create (or, with `unanswered`, leave some of them unanswered forever, as broken
 * clients do), and record publishDiagnostics, $/progress and window/logMessage. processStatus reads a server's
 * memory and threads from /proc.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CancellationTokenSource, createProtocolConnection, Diagnostic, InitializeParams, ProtocolConnection,
  ErrorCodes, PublishDiagnosticsParams, ResponseError, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO = path.join(__dirname, '..', '..', '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export interface StartOptions {
  folders: string[];
  /** The `docbits` settings the client answers workspace/configuration with. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Requests from the server this client never answers (a misbehaving editor). */
  unanswered?: Array<'workspace/configuration' | 'window/workDoneProgress/create'>;
  /** The client asks for a code action's edit when it is picked (codeAction/resolve), as VS Code does. */
  resolvesCodeActionEdits?: boolean;
  /** The client answers client/registerCapability with an error (eglot 1.9 does when it cannot watch files). */
  refusesRegistrations?: boolean;
}

interface Waiter {
  uri: string;
  predicate: (d: PublishDiagnosticsParams) => boolean;
  resolve: (d: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: Array<{ type: number; message: string }> = [];
  readonly progress: ProgressEvent[] = [];
  readonly createdTokens: Array<string | number> = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  settings: Record<string, unknown>;
  private readonly documents = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];
  private readonly stderr: string[] = [];

  private constructor(private readonly child: ChildProcess, settings: Record<string, unknown>,
    unanswered: readonly string[] = [], refusesRegistrations = false) {
    this.settings = settings;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      const ready = this.waiters.filter((w) => w.uri === params.uri && w.predicate(params));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(params);
    });
    c.onNotification('window/logMessage', (params: { type: number; message: string }) => this.logs.push(params));
    c.onNotification('$/progress', (params: ProgressEvent) => this.progress.push(params));
    const never = new Promise<never>(() => undefined);
    c.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      (unanswered.includes('workspace/configuration') ? never : params.items.map((item) => (item.section === 'docbits' ? this.settings : null))));
    c.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      if (refusesRegistrations) throw new ResponseError(ErrorCodes.InternalError, 'Internal error');
      this.registrations.push(...params.registrations);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.createdTokens.push(params.token);
      return unanswered.includes('window/workDoneProgress/create') ? never : null;
    });
    c.listen();
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const client = new TestClient(child, options.settings ?? {}, options.unanswered, options.refusesRegistrations);
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: false, tagSupport: { valueSet: [1, 2] }, versionSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, isPreferredSupport: true, dataSupport: true,
            ...(options.resolvesCodeActionEdits ? { resolveSupport: { properties: ['edit'] } } : {}),
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    };
    await client.connection.sendRequest('initialize', params);
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.documents.get(uri)!.version;
  }

  /** Opens a document and resolves with its first diagnostics. */
  open(uri: string, text: string, languageId = 'python'): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (d) => d.version === undefined || d.version === 1);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  /**
   * Sends incremental changes (applied in order, each against the text left by the previous one) and
   * resolves with the diagnostics of the new version.
   */
  change(uri: string, changes: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): Promise<PublishDiagnosticsParams> {
    const old = this.documents.get(uri)!;
    const version = old.version + 1;
    const updated = TextDocument.update(old, changes, version);
    this.documents.set(uri, updated);
    const waiting = this.nextDiagnostics(uri, (d) => d.version === version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return waiting;
  }

  /** Sends incremental changes without waiting for diagnostics (bursts of edits, as a typist makes them). */
  sendChange(uri: string, changes: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): void {
    const old = this.documents.get(uri)!;
    const version = old.version + 1;
    this.documents.set(uri, TextDocument.update(old, changes, version));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Replaces the whole text (a didChange without a range) and returns when the message is written. */
  sendFullText(uri: string, text: string, version = this.version(uri) + 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'python', version, text));
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The server's stderr so far. */
  get stderrText(): string {
    return this.stderr.join('');
  }

  /** The server process's id (to watch its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Applies text edits (LSP TextEdits on the current text) as one incremental didChange. */
  applyEdits(uri: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): Promise<PublishDiagnosticsParams> {
    // Applied last-first, so the earlier edits' positions are still right when their turn comes.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.change(uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
  }

  close(uri: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (d) => d.diagnostics.length === 0);
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return waiting;
  }

  nextDiagnostics(uri: string, predicate: (d: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr.join('')}`));
      }, timeoutMs);
      const waiter: Waiter = { uri, predicate, resolve: (d) => { clearTimeout(timer); resolve(d); } };
      this.waiters.push(waiter);
    });
  }

  /** Changes the settings the client answers with, and tells the server (pull model: settings null). */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params: unknown, token?: CancellationTokenSource): Promise<R> {
    // An absent token must not be sent as an undefined positional parameter.
    return (token ? this.connection.sendRequest(method, params, token.token) : this.connection.sendRequest(method, params)) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await Promise.race([exited, delay(2000)]);
    if (this.child.exitCode === null) this.child.kill();
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }
}

/** A process's memory and threads from /proc (KiB): VmHWM is the peak resident size since it started. */
export function processStatus(pid: number): { rssKiB: number; hwmKiB: number; threads: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM'), threads: field('Threads') };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${d.code} ${d.message}`);
}
