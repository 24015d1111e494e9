/**
 * The server's warm-up: the editor's hot paths (parse, inventory, diagnostics, the quick fixes' stubs; with
 * docstring quality in use, the checks and their diagnostics) run over the CLI's warm-up samples
 * (workspace/warmup.ts) while the server has nothing else to do, so V8 has compiled and profiled them before
 * the next real document arrives. Without it the first didOpen of a large module paid for the cold JIT (the
 * issue measured 89-209 ms for the first 20,000-line module against 35-80 ms for the next ones).
 *
 * The JIT warms by volume, and only volume: in-process, a cold 20,000-line module's parse and inventory took
 * 200, 145, 100, 80, then 20 ms of CPU on its first five runs, and one slice of the samples before it saved
 * nothing (the slice cost what it saved). So nothing can make the first document of a window restored with
 * files open faster without holding it up; what the warm-up can do is use the quiet time after it. It runs in
 * short slices between which the event loop runs, so a message that comes meanwhile waits for one slice at
 * most, and only once the server has been quiet for QUIET_MS (`busy()`: no request, notification or check
 * since): documents opened one after another are not held up, and the warm-up that used to end at the first
 * didOpen now resumes once they are done. (A synchronous warm-up before the initialize answer made the first
 * document 4x faster but the answer 2-3x later.) It never changes a result: analysis is a pure function of
 * its input.
 */
import { codeActions } from '../coverage/actions';
import { coverageDiagnostics } from '../coverage/diagnostics';
import { DEFAULT_OPTIONS } from '../coverage/types';
import { DEFAULT_EDITOR_SETTINGS } from '../config/editorSettings';
import { decodePython } from '../python/decode';
import { qualityDiagnostics } from '../docstrings/checks/diagnostics';
import type { QualityOptions } from '../docstrings/checks';
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
 * The first slice waits this long after `initialized`, and every slice until the server has been quiet this
 * long: an editor restoring a window sends its didOpens right after `initialized`, and each next one right
 * after the last one's diagnostics, and they must not queue behind a cold slice.
 */
const START_DELAY_MS = 50;
export const QUIET_MS = 100;
/** The quality checks' rounds: they run on the samples only (the volume text has one docstring style). */
const QUALITY_ROUNDS = 32;
/** Every rule group: the warm-up exercises every check. */
const ALL_RULE_GROUPS = ['args', 'returns', 'yields', 'raises', 'class', 'attributes'] as const;

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

/**
 * The editor's path on one text: analysis, its diagnostics, and the quick fixes of all of them; with `quality`,
 * the docstring checks and their diagnostics.
 */
function warmUpOn(name: string, text: string, round: number, quality: QualityOptions | null): void {
  // A different text each round, as documents are: nothing may be cached by identity.
  const analysis = new DocumentAnalysis(`warmup:${name}`, 0, 0, `${text}\n# ${round}\n`, {
    settings: DEFAULT_EDITOR_SETTINGS, options: DEFAULT_OPTIONS, displayPath: name, quality,
  });
  if (!analysis.parsed || !analysis.inventory) return;
  if (quality) {
    qualityDiagnostics(analysis.qualityFindings, analysis.parsed.lineStarts, 'warning', ALL_RULE_GROUPS);
    return;
  }
  const diagnostics = coverageDiagnostics(analysis.inventory, name, 'warning');
  codeActions({ file: analysis.parsed, inventory: analysis.inventory, diagnostics, style: 'google' });
}

/** One slice: every sample once (their branches), then, for coverage, the volume text once. */
function warmUpSlice(texts: WarmUpTexts, round: number, quality: QualityOptions | null): void {
  for (const sample of texts.samples) warmUpOn(sample.name, sample.text, round, quality);
  if (!quality) warmUpOn('volume.py', texts.volume, round, null);
}

export interface WarmUpControl {
  /** Whether the server is busy (a message or a check less than QUIET_MS ago): the next slice waits. */
  busy(): boolean;
  /** The quality checks' options: their paths are warmed instead of coverage's (the session starts it once quality is in use). */
  quality?: QualityOptions;
}

/** Starts the warm-up; its slices wait while `busy()`. Resolves when done. */
export function warmUp(control: WarmUpControl): Promise<void> {
  const quality = control.quality ?? null;
  const rounds = quality ? QUALITY_ROUNDS : WARM_UP_ROUNDS;
  return new Promise((resolve) => {
    let texts: WarmUpTexts | undefined;
    let round = 0;
    const next = (): void => {
      if (round >= rounds) return resolve();
      if (control.busy()) {
        setTimeout(next, QUIET_MS);
        return;
      }
      try {
        texts ??= warmUpTexts();
        warmUpSlice(texts, round++, quality);
      } catch {
        return resolve(); // a warm-up that fails only leaves the JIT cold
      }
      setImmediate(next);
    };
    setTimeout(next, START_DELAY_MS);
  });
}
