/**
 * `# noqa: DOC101` as pydoclint's native mode reads it (utils/noqa.py): the codes after `noqa:` (a prefix
 * such as `DOC1` covers DOC101-DOC111), on the line of the docstring's closing quotes (the default) or of the
 * `def` / `class` line (`native-mode-noqa-location = "definition"`); they excuse that definition's findings
 * reported on its own line. A bare `# noqa` excuses nothing, as in pydoclint.
 *
 * Our own `# nodocqa` excuses a definition from the checks as it does from coverage (coverage/markers.ts
 * places it: on the header, or alone on the line above), and `# nodocqa: file` the whole file.
 */
import { assignMarkers } from '../../coverage/markers';
import type { Comment, Definition } from '../../python/structure';

const NODOCQA_ONLY = { nodocqa: true, noqa: false, pylint: false, docstrCoverage: false };
// Hoisted: a regex literal inside a callback is a new object per comment.
const NODOCQA = /nodocqa/i;
const NOQA = /noqa/i;

/**
 * The lines (0-based) of those of `definitions` that `# nodocqa` excuses from every check, or 'file' for
 * `# nodocqa: file`; any subset of a file's definitions may be asked about (no two headers share a line);
 * none when the coverage settings turn the marker off (`enabled`: QualityOptions.nodocqa).
 */
export function nodocqaLines(definitions: readonly Definition[], comments: readonly Comment[], enabled = true): Set<number> | 'file' {
  const lines = new Set<number>();
  if (!enabled) return lines;
  // Only comments that name the marker can hold it (the others are most of a file's comments).
  const marked = comments.filter((c) => NODOCQA.test(c.text));
  if (marked.length === 0) return lines;
  const markers = assignMarkers(definitions as Definition[], marked, NODOCQA_ONLY);
  if (markers.file) return 'file';
  for (const index of markers.byDefinition.keys()) lines.add(definitions[index].line);
  return lines;
}

/** The DOC codes a comment lists after `noqa:`. */
export function noqaCodes(comment: string): string[] {
  const body = comment.replace(/^#+/, '').trim();
  const m = /\bnoqa\b/i.exec(body);
  if (!m) return [];
  const rest = body.slice(m.index + m[0].length).trimStart();
  if (!rest.startsWith(':')) return [];
  return (rest.slice(1).match(/DOC\d{1,3}/gi) ?? []).map((c) => c.toUpperCase());
}

/** For each definition line (0-based) with suppressions, the code prefixes it suppresses. */
export function noqaByDefinitionLine(definitions: readonly Definition[], comments: readonly Comment[], location: 'docstring' | 'definition'): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  for (const c of comments) {
    if (!NOQA.test(c.text)) continue;
    const codes = noqaCodes(c.text);
    if (codes.length > 0) byLine.set(c.line, [...(byLine.get(c.line) ?? []), ...codes]);
  }
  const out = new Map<number, string[]>();
  if (byLine.size === 0) return out;
  for (const def of definitions) {
    const line = location === 'definition' ? def.line : def.docstring?.endLine;
    if (line === undefined) continue;
    const codes = byLine.get(line);
    if (codes) out.set(def.line, [...(out.get(def.line) ?? []), ...codes]);
  }
  return out;
}

export function isSuppressed(code: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes !== undefined && prefixes.some((p) => code.startsWith(p));
}
