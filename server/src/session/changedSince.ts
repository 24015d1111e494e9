/**
 * `docbits.coverage.changedSince` in the editor: only the definitions a change touches get diagnostics, as
 * `docbits --diff BASE` counts them (coverage/changedDefinitions.ts), with the unsaved buffer as the new side:
 * it is compared line by line with the file as BASE has it (workspace/diffHunks.ts textChanges;
 * workspace/git.ts fileAtBase). The file at BASE is kept for a few seconds per file and base (a check runs
 * after every burst of typing) and dropped when files change on disk (a commit, a checkout, `git add`).
 */
import { changedNodes, LineChanges } from '../coverage/changedDefinitions';
import { FileInventory } from '../coverage/inventory';
import { CoverageNode } from '../coverage/types';
import { textChanges } from '../workspace/diffHunks';
import { DiffBase, fileAtBase } from '../workspace/git';

/** How long the file at BASE is reused without asking git again (a branch can move meanwhile). */
const KEEP_MS = 3000;
const GIT_TIMEOUT_MS = 10_000;
const MAX_KEPT = 256;

/**
 * The changed definitions of a document (and the changes, to tell which quality findings are about them), or
 * why they are not known (then every definition is flagged).
 */
export type ChangedDefinitions = { base: string; nodes: Set<CoverageNode>; changes: LineChanges } | { base: string; error: string };

type AtBase = { text: string | null; untracked: boolean } | { error: string };

export class ChangedSince {
  private readonly kept = new Map<string, { at: number; answer: Promise<AtBase> }>();

  /** The inventory's nodes that the change since `base` touches in `file`, whose buffer is `text`. */
  async changed(file: string, text: string, inventory: FileInventory, base: string, maxBytes: number): Promise<ChangedDefinitions> {
    const atBase = await this.fileAtBase(file, base, maxBytes);
    if ('error' in atBase) return { base, error: atBase.error };
    const changes: LineChanges = atBase.text !== null ? textChanges(atBase.text, text)
      // Not at BASE: a new file counts whole; with `staged`, an untracked file is no part of a commit.
      : { whole: !(base === 'staged' && atBase.untracked), lines: [], deletedAfter: [] };
    return { base, nodes: new Set(changedNodes(inventory, changes)), changes };
  }

  /** Files changed on disk: what BASE has may have changed too (a commit, a checkout). */
  forget(): void {
    this.kept.clear();
  }

  private fileAtBase(file: string, base: string, maxBytes: number): Promise<AtBase> {
    const key = `${base}\0${file}`;
    const now = Date.now();
    const known = this.kept.get(key);
    if (known && now - known.at < KEEP_MS) return known.answer;
    const diffBase: DiffBase = base === 'staged' ? { staged: true } : { ref: base };
    const answer = fileAtBase(file, diffBase, GIT_TIMEOUT_MS, maxBytes).catch((e: Error) => ({ error: e.message }));
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    this.kept.set(key, { at: now, answer });
    return answer;
  }
}

/** The inventory with only the changed definitions' nodes (the rest are no one's concern in this mode). */
export function changedInventory(inventory: FileInventory, nodes: ReadonlySet<CoverageNode>): FileInventory {
  const keep = inventory.nodes.map((node) => nodes.has(node));
  return {
    ...inventory,
    nodes: inventory.nodes.filter((_, i) => keep[i]),
    definitionOf: inventory.definitionOf.filter((_, i) => keep[i]),
  };
}
