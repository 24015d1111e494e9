/**
 * Skip comments (README, "Skip comments"): `# nodocqa`, `# nodocqa: file`, and the markers of the tools people migrate
 * from (`# noqa`, `# pylint: disable=...`, `# docstr-coverage:excused`). This module only reads comments;
 * the inventory decides what an excuse does.
 */
import { Comment, Definition } from '../python/structure';
import { MarkerHit, MarkerOptions } from './types';

export type MarkerScope = 'definition' | 'file' | 'module';

export interface ParsedMarker extends MarkerHit {
  scope: MarkerScope;
  /** A marker that only ever means "no docstring needed" (a bare `# noqa` may be there for other rules). */
  docstringSpecific: boolean;
}

const NOQA_DOCSTRING_CODES = new Set(['D100', 'D101', 'D102', 'D103', 'D104', 'D105', 'D106', 'D107']);
const PYLINT_DOCSTRING_CHECKS = new Set(['missing-docstring', 'missing-module-docstring', 'missing-class-docstring',
  'missing-function-docstring', 'c0114', 'c0115', 'c0116']);
const MODULE_CODES = new Set(['D100', 'D104', 'MISSING-MODULE-DOCSTRING', 'C0114']);

/** Cheap test that a comment may hold a marker; most comments do not. */
const MAYBE_MARKER = /noqa|nodocqa|pylint|docstr-coverage/i;

const NO_MARKERS: readonly ParsedMarker[] = [];

/** The skip markers in one comment (a comment may hold several: `# type: ignore  # nodocqa`). */
export function parseMarkers(comment: Comment, enabled: MarkerOptions): readonly ParsedMarker[] {
  const text = comment.text;
  if (!MAYBE_MARKER.test(text)) return NO_MARKERS; // most comments: nothing allocated for them
  const found: ParsedMarker[] = [];
  let segmentStart = text.indexOf('#');
  while (segmentStart >= 0) {
    const next = text.indexOf('#', segmentStart + 1);
    const segment = text.slice(segmentStart + 1, next < 0 ? text.length : next);
    const lead = segment.length - segment.trimStart().length;
    const body = segment.trim();
    const hit = (scope: MarkerScope, docstringSpecific: boolean, length = body.length): void => {
      const start = comment.column + segmentStart + 1 + lead;
      found.push({ line: comment.line, start, end: start + length, text: body.slice(0, length), scope, docstringSpecific });
    };
    let m: RegExpExecArray | null;
    if (enabled.nodocqa && (m = /^nodocqa(?:\s*:\s*file\b)?/i.exec(body)) && !/^[\w-]/.test(body.slice(m[0].length))) {
      hit(m[0].includes(':') ? 'file' : 'definition', true, m[0].length);
    } else if (enabled.noqa && (m = /^noqa\b(\s*:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i.exec(body))) {
      if (!m[1]) hit('definition', false, m[0].length);
      else {
        const codes = m[2].toUpperCase().split(/[\s,]+/);
        if (codes.some((c) => NOQA_DOCSTRING_CODES.has(c))) {
          hit(codes.some((c) => MODULE_CODES.has(c)) ? 'module' : 'definition', true, m[0].length);
        }
      }
    } else if (enabled.pylint && (m = /^pylint\s*:\s*disable(?:-next)?\s*=\s*([\w\-, ]+)/i.exec(body))) {
      const checks = m[1].toLowerCase().split(/[\s,]+/).filter(Boolean);
      if (checks.some((c) => PYLINT_DOCSTRING_CHECKS.has(c))) {
        hit(checks.some((c) => MODULE_CODES.has(c.toUpperCase())) ? 'module' : 'definition', true, m[0].trimEnd().length);
      }
    } else if (enabled.docstrCoverage && (m = /^docstr-coverage\s*:\s*(?:excused|inherited)\b/i.exec(body))) {
      hit('definition', true, body.length);
    }
    segmentStart = next;
  }
  return found;
}

export interface MarkerAssignment {
  /** Marker excusing each definition (by index), if any. */
  byDefinition: Map<number, ParsedMarker>;
  /** `# nodocqa: file`, if present. */
  file?: ParsedMarker;
  /** A module-docstring marker (D100 / missing-module-docstring) on the first line. */
  module?: ParsedMarker;
}

/**
 * Which definition each marker belongs to: a trailing comment on any line of a definition's header (first
 * decorator to the colon), or a comment alone on the line directly above the header.
 */
export function assignMarkers(definitions: Definition[], comments: Comment[], enabled: MarkerOptions): MarkerAssignment {
  const assignment: MarkerAssignment = { byDefinition: new Map() };
  if (!enabled.nodocqa && !enabled.noqa && !enabled.pylint && !enabled.docstrCoverage) return assignment;
  let headers: HeaderLines | undefined;
  // Indexed loops here and in the inventory: they run per comment and per definition from the first file on,
  // before V8 has optimised them, and `for...of` allocates an iterator result per step until it has.
  for (let c = 0; c < comments.length; c++) {
    const comment = comments[c];
    const line = comment.line;
    // Where a marker can act: a header line, the line above a header, the first line (module), a comment alone
    // at column 0 (file). Most comments are elsewhere, and are not read at all.
    headers ??= new HeaderLines(definitions);
    const own = comment.ownLine;
    const target = own ? headers.startingAt(line + 1) : headers.onLine(line);
    if (target < 0 && line !== 0 && !(own && comment.column === 0)) continue;
    const markers = parseMarkers(comment, enabled);
    for (let m = 0; m < markers.length; m++) {
      const marker = markers[m];
      if (marker.scope === 'file') {
        if (own && comment.column === 0) assignment.file ??= marker;
        continue;
      }
      if (marker.scope === 'module' && line === 0) {
        assignment.module ??= marker;
        continue;
      }
      if (target >= 0 && !assignment.byDefinition.has(target)) assignment.byDefinition.set(target, marker);
    }
  }
  return assignment;
}

/**
 * The definition whose header holds each line, and the one whose header starts on it (the last one, if
 * several). Indexed by line in typed arrays (index + 1; 0 is none): one store per header line, no hashing.
 * A class rather than closures per file, so that the calls in assignMarkers keep one target (see inventory.ts).
 */
class HeaderLines {
  private readonly size: number;
  private readonly on: Int32Array;
  private readonly starting: Int32Array;

  constructor(definitions: Definition[]) {
    let size = 0;
    for (let i = 0; i < definitions.length; i++) size = Math.max(size, definitions[i].headerEndLine + 1);
    this.size = size;
    this.on = new Int32Array(size);
    this.starting = new Int32Array(size);
    for (let i = 0; i < definitions.length; i++) {
      const def = definitions[i];
      for (let line = def.headerStartLine; line <= def.headerEndLine; line++) this.on[line] = i + 1;
      this.starting[def.headerStartLine] = i + 1;
    }
  }

  onLine(line: number): number {
    return line < this.size ? this.on[line] - 1 : -1;
  }

  startingAt(line: number): number {
    return line < this.size ? this.starting[line] - 1 : -1;
  }
}
