/**
 * Where a document's editor settings come from. Editors that answer `workspace/configuration` are asked
 * per document (settings may differ per folder) and the answer is kept until the settings change; the
 * others push their settings (didChangeConfiguration, or initialization options) and those apply to every
 * document. A failed request falls back to the pushed settings.
 */
import { DEFAULT_EDITOR_SETTINGS, EditorSettings, readEditorSettings } from '../coverage/settings';

/** Asks the editor for the `docbits` section of the settings that apply to a URI. */
export type PullSettings = (uri: string) => Promise<unknown>;

export class EditorSettingsStore {
  private pushed: EditorSettings = DEFAULT_EDITOR_SETTINGS;
  private readonly pulled = new Map<string, Promise<EditorSettings>>();

  constructor(private readonly pull: PullSettings | undefined) {}

  forUri(uri: string): Promise<EditorSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.pulled.get(uri);
    if (!settings) {
      settings = this.pull(uri).then(readEditorSettings, () => this.pushed);
      this.pulled.set(uri, settings);
    }
    return settings;
  }

  /** Settings the editor sent (the object under the `docbits` key); undefined when it only said "changed". */
  changed(pushed: unknown): void {
    if (pushed !== undefined) this.pushed = readEditorSettings(pushed);
    this.pulled.clear();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }
}
