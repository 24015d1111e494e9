/**
 * The server's warm-up: right after `initialize`, the editor's hot paths (parse, inventory, diagnostics, the
 * quick fixes' stubs) run over the CLI's warm-up samples (workspace/warmup.ts), so V8 has compiled and
 * profiled them before the first real document arrives. Without it the first didOpen of a large module
 * paid for the cold JIT (the issue measured 89-209 ms for the first 20,000-line module against 35-80 ms for
 * the next ones).
 *
 * The work runs in short slices between which the event loop runs, so the initialize answer and any message
 * the editor sends meanwhile are not held up, and it stops as soon as a document is opened (from then on the
 * real documents warm the JIT). It never changes a result: analysis is a pure function of its input.
 */
import { codeActions } from '../coverage/actions';
import { coverageDiagnostics } from '../coverage/diagnostics';
import { DEFAULT_OPTIONS } from '../coverage/types';
import { DEFAULT_EDITOR_SETTINGS } from '../config/editorSettings';
import { decodePython } from '../python/decode';
import { WARMUP_SAMPLES } from '../workspace/warmup';
import { DocumentAnalysis } from './analysis';

/** Rounds over the samples: enough calls for V8 to optimise the hot functions (about 30 ms on a quiet core). */
const WARM_UP_ROUNDS = 12;

/** One slice: every sample analysed once, its diagnostics made and the quick fixes of all of them built. */
function warmUpSlice(): void {
  for (const sample of WARMUP_SAMPLES) {
    const decoded = decodePython(sample.bytes);
    if (!decoded.ok) continue;
    const analysis = new DocumentAnalysis(`warmup:${sample.name}`, 0, 0, decoded.text, {
      settings: DEFAULT_EDITOR_SETTINGS, options: DEFAULT_OPTIONS, displayPath: sample.name, quality: null,
    });
    if (!analysis.parsed || !analysis.inventory) continue;
    const diagnostics = coverageDiagnostics(analysis.inventory, sample.name, 'warning');
    codeActions({ file: analysis.parsed, inventory: analysis.inventory, diagnostics, style: 'google' });
  }
}

/**
 * Starts the warm-up; `stop()` (or `shouldStop` turning true) ends it before the next slice. Resolves when done.
 */
export function warmUp(shouldStop: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let round = 0;
    const next = (): void => {
      if (round++ >= WARM_UP_ROUNDS || shouldStop()) return resolve();
      try {
        warmUpSlice();
      } catch {
        return resolve(); // a warm-up that fails only leaves the JIT cold
      }
      setImmediate(next);
    };
    setImmediate(next);
  });
}
