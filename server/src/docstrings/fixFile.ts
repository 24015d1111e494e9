/**
 * `--fix` on one file's text: "Update docstring to match signature" (update.ts) applied to every definition
 * the checks (checks/) report findings on, all in one pass, and the new text checked with our parser before
 * anyone writes it. Pure: text in, new text (or a refusal) out; never throws.
 *
 * Which update a finding asks for: a function's own docstring; for an `__init__` documented by its class
 * (pydoclint's default, `allow-init-docstring = false`), the class's docstring (update.ts reads the class's
 * `__init__`). A definition whose docstring the update cannot change safely keeps its findings.
 */
import { parsedFile, TextEditLike } from '../coverage/stubs';
import type { Definition, ModuleStructure } from '../python/structure';
import { checkDocstrings, Finding, QualityOptions } from './checks';
import { docstringUpdate, documentedAt } from './update';

export interface DocstringFix {
  /** 0-based line of the `def` / `class` whose docstring changed, in the fixed text (in its cell, for a notebook). */
  line: number;
  /** A notebook's: the 1-based cell (as findings number them). */
  cell?: number;
  kind: 'function' | 'method' | 'class';
  qualname: string;
  /** What changed, in words: `added x`, `removed y`, `reordered parameters`. */
  changes: string[];
}

export type FixOutcome =
  | { ok: true; text: string; fixes: DocstringFix[]; before: Finding[]; edits: TextEditLike[] }
  | { ok: false; reason: string; before: Finding[] };

const MODULE = -1;

/** The text with the docstrings of every definition with findings updated; `fixes` is empty when none changed. */
export function fixDocstrings(text: string, options: QualityOptions): FixOutcome {
  let before: Finding[] = [];
  try {
    const file = parsedFile(text);
    before = checkDocstrings(file, options);
    const targets = updateTargets(file.structure, before, options);
    const edits: TextEditLike[] = [];
    const updated: Array<{ index: number; changes: string[] }> = [];
    for (const index of targets) {
      const update = docstringUpdate(file, index, { defaultStyle: options.style, types: options });
      if (!update) continue;
      for (const edit of update.edits) edits.push(edit);
      updated.push({ index, changes: update.changes });
    }
    if (edits.length === 0) return { ok: true, text, fixes: [], before, edits };
    const fixed = parsedFile(applyTextEdits(file.text, file.lineStarts, edits));
    const refusal = compileRefusal(file.structure, fixed.structure);
    if (refusal) return { ok: false, reason: refusal, before };
    const defs = fixed.structure.definitions;
    const fixes = updated.map(({ index, changes }) => ({ line: defs[index].line, kind: kindOf(defs, index), qualname: qualname(defs, index), changes }));
    return { ok: true, text: fixed.text, fixes, before, edits };
  } catch (error) {
    return { ok: false, reason: `the update failed: ${error instanceof Error ? error.message : String(error)}`, before };
  }
}

/** Definitions whose docstring to update, in file order: those with findings, a class for its `__init__`'s. */
function updateTargets(structure: ModuleStructure, findings: readonly Finding[], options: QualityOptions): number[] {
  const defs = structure.definitions;
  const lines = new Set(findings.map((f) => f.line));
  const targets = new Set<number>();
  defs.forEach((def, i) => {
    if (!lines.has(def.line)) return;
    if (def.keyword === 'class') {
      targets.add(i); // DOC3xx on the class line: its docstring documents __init__
      return;
    }
    targets.add(documentedAt(defs, i, options.allowInitDocstring));
  });
  return [...targets].sort((a, b) => a - b);
}

function kindOf(defs: readonly Definition[], index: number): DocstringFix['kind'] {
  const def = defs[index];
  if (def.keyword === 'class') return 'class';
  return defs[def.parent]?.keyword === 'class' ? 'method' : 'function';
}

function qualname(defs: readonly Definition[], index: number): string {
  const parts: string[] = [];
  // Parents come before children; a chain is at most the nesting depth, walked without recursion.
  for (let i = index; i !== MODULE && parts.length <= defs.length; i = defs[i].parent) parts.push(defs[i].name);
  return parts.reverse().join('.');
}

/** The text with the edits made (`starts`: its line starts); throws when two overlap. */
export function applyTextEdits(text: string, starts: readonly number[], edits: readonly TextEditLike[]): string {
  const offset = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  const pieces: string[] = [];
  let at = 0;
  for (const e of sorted) {
    pieces.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * Why the fixed text must not be written, or undefined: it must parse as the old one did (no new syntax
 * problem), with the same definitions, each keeping (or lacking) its docstring. Only docstring bodies
 * changed, so anything else means an edit broke a literal.
 */
function compileRefusal(was: ModuleStructure, now: ModuleStructure): string | undefined {
  if (now.problems.length > was.problems.length) return 'the updated file would not parse';
  if (now.definitions.length !== was.definitions.length) return 'the update would change the definitions';
  for (let i = 0; i < now.definitions.length; i++) {
    const a = was.definitions[i], b = now.definitions[i];
    if (a.name !== b.name || a.keyword !== b.keyword || a.parent !== b.parent || (a.docstring === null) !== (b.docstring === null)) {
      return `the update would change ${a.name}`;
    }
  }
  if ((was.docstring === null) !== (now.docstring === null)) return 'the update would change the module docstring';
  return undefined;
}
