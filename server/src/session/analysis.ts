/**
 * The analysis of one document version: its text, its parse and its inventory under the options in force.
 * Made once per text (and again only when settings or the project's config change), and kept until the
 * next one, so that diagnostics, code actions, stubs, hovers and the status bar's figure read one parse.
 */
import { HoverTokens } from '../bits/hover';
import { FileInventory, inventoryOf } from '../coverage/inventory';
import { EditorSettings } from '../config/editorSettings';
import { ParsedFile } from '../coverage/stubs';
import { markInherited } from '../coverage/inheritance';
import { CoverageNode, CoverageOptions } from '../coverage/types';
import { checkDocstringsAgain, Finding, FindingsMemo, QualityOptions } from '../docstrings/checks';
import { lineStarts } from '../python/lines';
import { NotMeasuredReason } from '../workspace/checkedFiles';
import { baseNameOf } from '../workspace/documents';
import { ModuleStructure, parseStructure } from '../python/structure';
import type { InheritanceLookup } from './inheritedDocstrings';

export interface AnalysisContext {
  /** The settings object it is made under (compared by identity: a new object means analyse again). */
  settings: EditorSettings;
  options: CoverageOptions;
  /** `pkg/mod.py`: the path people know the file by. */
  displayPath: string;
  /** The project's line length (ruff/black `line-length`), for stubs; absent: the default. */
  lineLength?: number;
  /** Why the file is not measured (file selection, size), absent when it is; an unmeasured text is never parsed. */
  notMeasured?: NotMeasuredReason;
  /** The project's docstring-quality options ([tool.pydoclint]); null: no quality diagnostics. */
  quality: QualityOptions | null;
  /** The text's parse when it was made already (while the editor's settings were on their way): not made again. */
  structure?: ModuleStructure;
  /**
   * The previous version's quality findings (DocumentAnalysis.qualityMemo): definitions whose text did not
   * change are not checked again. (It keeps that version's text alive as long as this analysis.)
   */
  previousQuality?: FindingsMemo;
  /** With inherit-docstrings: which missed methods inherit a docstring (session/inheritedDocstrings.ts). */
  inherit?: (structure: ModuleStructure, text: string, nodes: readonly CoverageNode[]) => InheritanceLookup;
}

/** A text with its parse; line starts are made on first use (diagnostics do not need them). */
class ParsedDocument implements ParsedFile {
  private starts?: number[];

  constructor(readonly text: string, readonly structure: ModuleStructure) {}

  get lineStarts(): readonly number[] {
    return (this.starts ??= lineStarts(this.text));
  }
}

export class DocumentAnalysis {
  /** The parse, when the document is measured. */
  readonly parsed?: ParsedFile;
  /** The coverage of the document, when it is measured. */
  readonly inventory?: FileInventory;
  /** With inherit-docstrings: the methods marked `inherited` and the files that decided it. */
  readonly inherited?: InheritanceLookup;
  private tokens?: HoverTokens;
  private findings?: Finding[];
  private memo?: FindingsMemo;

  /**
   * @param version the client's version number, for publishing
   * @param revision which text of the document it is: versions can repeat (a re-opened document, a client
   *   that reuses them), revisions do not
   */
  constructor(readonly uri: string, readonly version: number, readonly revision: number, readonly text: string,
    readonly context: AnalysisContext) {
    if (context.notMeasured) return;
    const parsed = new ParsedDocument(text, context.structure ?? parseStructure(text));
    this.parsed = parsed;
    const inventory = inventoryOf(parsed.structure, baseNameOf(context.displayPath), context.options);
    this.inventory = inventory;
    if (context.inherit && inventory.nodes.some((n) => n.kind === 'method' && n.status === 'missed')) {
      this.inherited = context.inherit(parsed.structure, text, inventory.nodes);
      if (this.inherited.inheriting.size > 0) this.inventory = { ...inventory, nodes: markInherited(inventory.nodes, this.inherited.inheriting) };
    }
  }

  /** The docstring-quality findings of this version, from its one parse; made on first use. */
  get qualityFindings(): readonly Finding[] {
    if (!this.parsed || !this.context.quality) return [];
    if (!this.findings) {
      ({ findings: this.findings, memo: this.memo } = checkDocstringsAgain(this.parsed, this.context.quality, this.context.previousQuality));
    }
    return this.findings;
  }

  /** What the next version's analysis reuses of this one's quality findings, once they are made. */
  get qualityMemo(): FindingsMemo | undefined {
    return this.memo;
  }

  /** The tokens hovers read, kept for the next hover on this version. */
  get hoverTokens(): HoverTokens {
    return (this.tokens ??= new HoverTokens(this.text));
  }
}
