/**
 * A file's findings kept from one version to the next, so that the editor's re-check after an edit checks only
 * what the edit touched. The unit is a block: a top-level definition and the definitions inside it, from its
 * first decorator's line to its last line. Everything a check of a definition reads lies in its block (header,
 * docstring, body, the class's `__init__` and methods), so a block with the same text and the same parse gives
 * the same findings, at lines and offsets moved by where it now starts. The parse is compared too: the same
 * text can parse otherwise (a string left open above it is recovered differently). Findings are kept before
 * the file's `# noqa` / `# nodocqa` filter, which runs on every version.
 */
import type { Definition, Docstring } from '../../python/structure';
import type { QualityOptions } from './options';
import type { Finding } from './types';
import { detached } from '../../python/detached';

const MODULE = -1;

/** A block as one version had it, with its findings where the version that checked it had them. */
interface Block {
  readonly text: string;
  readonly defs: readonly Definition[];
  /** Its definitions are defs[first, next). */
  readonly first: number;
  readonly next: number;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  /**
   * As the check of the version that checked the block reported them (and returned them to its caller): at
   * lines and offsets of a block starting on line `findingsLine`, offset `findingsStart`.
   */
  readonly findings: readonly Finding[];
  readonly findingsLine: number;
  readonly findingsStart: number;
  /** Its findings' names and messages are copies, not cuts of `text` (see remember). */
  detached: boolean;
}

/** What a check of one version leaves for the next (checkDocstringsAgain); valid only under equal options. */
export interface FindingsMemo {
  readonly options: QualityOptions;
  /** By the top-level definition's name and the block's length. */
  readonly blocks: ReadonlyMap<string, readonly Block[]>;
}

/** The blocks of one version: looked up in the previous version's memo, and recorded for the next. */
export class BlockFindings {
  private readonly blocks = new Map<string, Block[]>();

  constructor(private readonly text: string, private readonly defs: readonly Definition[],
    private readonly previous: ReadonlyMap<string, readonly Block[]> | undefined) {}

  /**
   * The block defs[first, next), text [start, end) from line `startLine`, as the previous version had it (its
   * findings to be moved from `findingsLine` / `findingsStart`); recorded for the next version.
   */
  known(first: number, next: number, start: number, end: number, startLine: number): Block | undefined {
    const key = `${this.defs[first].name}:${end - start}`;
    for (const old of this.previous?.get(key) ?? []) {
      if (old.next - old.first !== next - first || !this.sameParse(old, first, next, startLine, start)) continue;
      if (!this.text.startsWith(old.text.slice(old.start, old.end), start)) continue;
      if (!old.detached) detachInPlace(old);
      const block = { ...old, text: this.text, defs: this.defs, first, next, start, end, startLine };
      this.record(key, block);
      return block;
    }
    return undefined;
  }

  /** Records the findings of a block checked anew, as reported (kept, not copied). */
  remember(first: number, next: number, start: number, end: number, startLine: number, findings: readonly Finding[]): void {
    // Names and messages may be cuts of this version's text, which this memo holds anyway; a later version that
    // keeps them copies them first (known), or each edited version's text would stay alive with them. Copying
    // there, once per block kept, spares the copies of every block that the next edit changes or never sees.
    this.record(`${this.defs[first].name}:${end - start}`, {
      text: this.text, defs: this.defs, first, next, start, end, startLine, findings, findingsLine: startLine, findingsStart: start, detached: false,
    });
  }

  memo(options: QualityOptions): FindingsMemo {
    return { options, blocks: this.blocks };
  }

  private record(key: string, block: Block): void {
    const list = this.blocks.get(key);
    if (list) list.push(block);
    else this.blocks.set(key, [block]);
  }

  private sameParse(old: Block, first: number, next: number, startLine: number, start: number): boolean {
    const lines = startLine - old.startLine, offset = start - old.start, index = first - old.first;
    for (let i = first; i < next; i++) {
      if (!sameDefinition(old.defs[i - index], this.defs[i], lines, offset, index)) return false;
    }
    return true;
  }
}

/**
 * In place, so that the block keeps its findings array. The objects are also the ones an earlier check returned:
 * equal strings replace equal strings, which no reader can tell.
 */
function detachInPlace(block: Block): void {
  for (const f of block.findings) {
    f.qualname = detached(f.qualname);
    f.message = detached(f.message);
  }
  block.detached = true;
}

/** Whether b is a, `lines` lines, `offset` characters and `index` definitions further on: every field of Definition. */
function sameDefinition(a: Definition, b: Definition, lines: number, offset: number, index: number): boolean {
  return a.keyword === b.keyword && a.isAsync === b.isAsync && a.name === b.name && a.line + lines === b.line &&
    a.column === b.column && a.nameLine + lines === b.nameLine && a.nameStart === b.nameStart && a.nameEnd === b.nameEnd &&
    a.headerStartLine + lines === b.headerStartLine && a.headerEndLine + lines === b.headerEndLine &&
    a.headerBreakLine + lines === b.headerBreakLine && a.headerStart + offset === b.headerStart &&
    a.headerEnd + offset === b.headerEnd && (a.parent === MODULE ? b.parent === MODULE : a.parent + index === b.parent) &&
    sameDocstring(a.docstring, b.docstring, lines) && a.inlineBody === b.inlineBody && a.bodyIndent === b.bodyIndent &&
    a.bodyLine + lines === b.bodyLine && a.bodyColumn === b.bodyColumn && a.endLine + lines === b.endLine &&
    a.decorators.length === b.decorators.length &&
    a.decorators.every((d, k) => {
      const e = b.decorators[k];
      return d.line + lines === e.line && d.shape === e.shape && d.name === e.name && d.base === e.base;
    });
}

function sameDocstring(a: Docstring | null, b: Docstring | null, lines: number): boolean {
  if (a === null || b === null) return a === b;
  return a.startLine + lines === b.startLine && a.startCol === b.startCol && a.endLine + lines === b.endLine &&
    a.endCol === b.endCol && a.blank === b.blank;
}
