/**
 * The server's warm-up: shortly after `initialized`, the editor's hot paths (parse, inventory, diagnostics, the
 * quick fixes' stubs) run over the CLI's warm-up samples (workspace/warmup.ts), so V8 has compiled and
 * profiled them before the first real document arrives. Without it the first didOpen of a large module
 * paid for the cold JIT (the issue measured 89-209 ms for the first 20,000-line module against 35-80 ms for
 * the next ones).
 *
 * The work runs in short slices between which the event loop runs, so the initialize answer and any message
 * the editor sends meanwhile are not held up, and it stops as soon as a document is opened (from then on the
 * real documents warm the JIT). So it helps documents opened after the first second or so, not a window
 * restored with files open (their didOpens come right after `initialized`; a synchronous warm-up before the
 * initialize answer made the first of them 4x faster but the answer 2-3x later, and the last diagnostics
 * later on the whole). It never changes a result: analysis is a pure function of its input.
 */
import { codeActions } from '../coverage/actions';
import { coverageDiagnostics } from '../coverage/diagnostics';
import { DEFAULT_OPTIONS } from '../coverage/types';
import { DEFAULT_EDITOR_SETTINGS } from '../config/editorSettings';
import { decodePython } from '../python/decode';
import { WARMUP_SAMPLES } from '../workspace/warmup';
import { DocumentAnalysis } from './analysis';

/**
 * What V8 must see before it optimises the parser's loops is volume, not variety. The samples (about 190 lines)
 * take every branch, but 12 rounds of them left the first 20,000-line module at 190-300 ms of CPU against
 * 20-40 ms for the fourth. With the branch sample repeated to ~2,000 lines and analysed 16 times, the first
 * module took 15-30 ms (in-process, CPU time, loaded 2-core machine). Here the same volume comes in smaller
 * slices (4 repeats, 64 rounds), so a document opened during the warm-up waits for less.
 */
const WARM_UP_ROUNDS = 64;
const VOLUME_REPEATS = 4;
/**
 * The first slice waits this long after `initialized`: an editor restoring a window sends its didOpens right
 * after it, and they must not queue behind a cold slice (the warm-up then ends without running; the documents
 * warm the JIT).
 */
const START_DELAY_MS = 50;

/** The samples' texts, and the branch sample repeated (`volume`): decoded once, on the first slice. */
interface WarmUpTexts {
  samples: Array<{ name: string; text: string }>;
  volume: string;
}

function warmUpTexts(): WarmUpTexts {
  const samples: WarmUpTexts['samples'] = [];
  for (const sample of WARMUP_SAMPLES) {
    const decoded = decodePython(sample.bytes);
    if (decoded.ok) samples.push({ name: sample.name, text: decoded.text });
  }
  const volume = Array.from({ length: VOLUME_REPEATS }, () => samples[0]?.text ?? '').join('\n');
  return { samples, volume };
}

/** The editor's path on one text: analysis, its diagnostics, and the quick fixes of all of them. */
function warmUpOn(name: string, text: string, round: number): void {
  // A different text each round, as documents are: nothing may be cached by identity.
  const analysis = new DocumentAnalysis(`warmup:${name}`, 0, 0, `${text}\n# ${round}\n`, {
    settings: DEFAULT_EDITOR_SETTINGS, options: DEFAULT_OPTIONS, displayPath: name, quality: null,
  });
  if (!analysis.parsed || !analysis.inventory) return;
  const diagnostics = coverageDiagnostics(analysis.inventory, name, 'warning');
  codeActions({ file: analysis.parsed, inventory: analysis.inventory, diagnostics, style: 'google' });
}

/** One slice: every sample once (their branches), then the volume text once. */
function warmUpSlice(texts: WarmUpTexts, round: number): void {
  for (const sample of texts.samples) warmUpOn(sample.name, sample.text, round);
  warmUpOn('volume.py', texts.volume, round);
}

/** Starts the warm-up; it ends before the next slice once `shouldStop()` is true. Resolves when done. */
export function warmUp(shouldStop: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    let texts: WarmUpTexts | undefined;
    let round = 0;
    const next = (): void => {
      if (round >= WARM_UP_ROUNDS || shouldStop()) return resolve();
      try {
        texts ??= warmUpTexts();
        warmUpSlice(texts, round++);
      } catch {
        return resolve(); // a warm-up that fails only leaves the JIT cold
      }
      setImmediate(next);
    };
    setTimeout(next, START_DELAY_MS);
  });
}
