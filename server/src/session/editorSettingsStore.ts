/**
 * Where a document's editor settings come from. Editors that answer `workspace/configuration` are asked
 * per document (settings may differ per folder) and the answer is kept until the settings change; the
 * others push their settings (didChangeConfiguration, or initialization options) and those apply to every
 * document. A failed request falls back to the pushed settings, and so does one the editor leaves unanswered
 * for a few seconds (session/clientAnswers.ts): some clients never answer, and their documents must still
 * get diagnostics. The fallback stays for that document until the settings change.
 *
 * Settings go through the same checks as config files (config/editorSettings.ts); what is wrong with them
 * is handed to `onProblems` once per distinct problem, and the setting keeps its default.
 */
import { DEFAULT_EDITOR_SETTINGS, EditorSettings, readEditorSettings } from '../config/editorSettings';
import { ConfigProblem } from '../config/types';
import { answerOrGiveUp } from './clientAnswers';

/** Asks the editor for the `docbits` section of the settings that apply to a URI. */
export type PullSettings = (uri: string) => Promise<unknown>;

/**
 * Requests the editor has not answered yet, given-up ones included: the connection keeps each one until its
 * answer comes, which from some clients is never. Past this many the store stops asking (documents get the
 * pushed settings, uncached, so they are asked for again once answers come back): a client that never answers
 * cannot grow the server's table of pending requests without end.
 */
const MAX_UNANSWERED_PULLS = 32;

/** Remembered problems are forgotten past this many, so a settings object that changes forever stays bounded. */
const MAX_REMEMBERED_PROBLEMS = 500;

export class EditorSettingsStore {
  private pushed: EditorSettings = DEFAULT_EDITOR_SETTINGS;
  private readonly pulled = new Map<string, Promise<EditorSettings>>();
  private readonly reported = new Set<string>();
  private unanswered = 0;

  constructor(private readonly pull: PullSettings | undefined, private readonly onProblems: (problems: ConfigProblem[]) => void,
    private readonly answerTimeoutMs?: number) {}

  /** Whether documents' settings are asked of the editor (a round trip) rather than taken from the pushed ones. */
  get asksEditor(): boolean {
    return this.pull !== undefined;
  }

  /** The settings the editor pushed (or the defaults): what a document gets when the editor is not asked. */
  get pushedSettings(): EditorSettings {
    return this.pushed;
  }

  forUri(uri: string): Promise<EditorSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.pulled.get(uri);
    if (!settings) {
      if (this.unanswered >= MAX_UNANSWERED_PULLS) return Promise.resolve(this.pushed);
      this.unanswered++;
      const pull = this.pull;
      // A pull that throws at once (a closed connection) is a failed answer too.
      const answer = new Promise<unknown>((resolve) => resolve(pull(uri))).then((raw) => ({ raw }));
      answer.finally(() => this.unanswered--).catch(() => undefined);
      settings = answerOrGiveUp(answer, { timeoutMs: this.answerTimeoutMs }).then((got) => (got ? this.read(got.raw) : this.pushed));
      this.pulled.set(uri, settings);
    }
    return settings;
  }

  /** Settings the editor sent (the object under the `docbits` key); undefined when it only said "changed". */
  changed(pushed: unknown): void {
    if (pushed !== undefined) this.pushed = this.read(pushed);
    this.pulled.clear();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }

  private read(raw: unknown): EditorSettings {
    const { settings, problems } = readEditorSettings(raw);
    const fresh = problems.filter((problem) => {
      const key = `${problem.key ?? ''}\0${problem.message}`;
      if (this.reported.has(key)) return false;
      if (this.reported.size >= MAX_REMEMBERED_PROBLEMS) this.reported.clear();
      this.reported.add(key);
      return true;
    });
    if (fresh.length > 0) this.onProblems(fresh);
    return settings;
  }
}
