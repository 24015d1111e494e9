/**
 * A workspace report sent as a change to the one the client holds (`docbits/workspaceCoverage` with `since`):
 * the answer's `files` are only the files that are new or differ, `delta.removed` the paths that left the
 * report; everything else (totals, folders, summary, text) is whole. Pure, so the VS Code client, other
 * clients' authors and the tests apply a delta the same way; the server's side is session/reportDeltas.ts.
 * On the stdlib a quiet re-run after one edit went from the whole report to one file's entry.
 */
import type { JsonFile, JsonReport } from './report';

/** What an answer to `since` adds to the report (absent in a whole report). */
export interface ReportDeltaInfo {
  /** The `etag` of the report the files are relative to. */
  since: string;
  /** Paths (as in `files`) that were in that report and are not in this one. */
  removed: string[];
}

export interface IncrementalReport extends JsonReport {
  /** Names this answer; send it as `since` to get the next one as a delta. */
  etag?: string;
  delta?: ReportDeltaInfo;
}

/**
 * The whole report an answer describes: `answer` itself when it is whole, else `held` with the delta's files
 * put in (in held's order, new ones last) and its removed paths taken out. undefined when the delta is
 * relative to another report than `held` (ask again without `since`).
 */
export function applyReportDelta<R extends IncrementalReport>(held: R | undefined, answer: R): R | undefined {
  const delta = answer.delta;
  if (!delta) return answer;
  if (!held || held.etag !== delta.since || held.root !== answer.root) return undefined;
  const changed = new Map<string, JsonFile>();
  for (const file of answer.files) changed.set(file.path, file);
  const removed = new Set(delta.removed);
  const files: JsonFile[] = [];
  for (const file of held.files) {
    if (removed.has(file.path)) continue;
    const update = changed.get(file.path);
    files.push(update ?? file);
    changed.delete(file.path);
  }
  for (const file of changed.values()) files.push(file);
  const whole: R = { ...answer, files };
  delete whole.delta;
  return whole;
}
