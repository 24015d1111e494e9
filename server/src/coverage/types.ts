/**
 * The data every part of docbits shares: coverage options (interrogate's, plus our skip markers) and the
 * coverage of files and of whole runs. The CLI's --json, the server's requests, the status bar and the
 * report view all read these shapes.
 */
import type { Finding } from '../docstrings/checks/types';
import type { ModuleSummary } from '../python/moduleSummary';

export type NodeKind = 'module' | 'class' | 'function' | 'method';
/** `inherited`: a method without a docstring that inherits one (inherit-docstrings); counted as covered. */
export type NodeStatus = 'covered' | 'missed' | 'excused' | 'inherited';

/** Which skip comments count (README, "Skip comments"). */
export interface MarkerOptions {
  /** `# nodocqa` and `# nodocqa: file` */
  nodocqa: boolean;
  /** bare `# noqa`, and `# noqa:` listing D100-D107 */
  noqa: boolean;
  /** `# pylint: disable=` listing missing-docstring codes */
  pylint: boolean;
  /** `# docstr-coverage:excused` / `# docstr-coverage:inherited` */
  docstrCoverage: boolean;
}

/** interrogate's options, same names (camel-cased) and defaults. */
export interface CoverageOptions {
  failUnder: number;
  ignoreInitMethod: boolean;
  ignoreInitModule: boolean;
  ignoreMagic: boolean;
  ignoreModule: boolean;
  ignoreNestedClasses: boolean;
  ignoreNestedFunctions: boolean;
  ignorePrivate: boolean;
  ignorePropertyDecorators: boolean;
  ignoreSemiprivate: boolean;
  ignoreSetters: boolean;
  ignoreOverloadedFunctions: boolean;
  /** Regexes (Python syntax) matched against bare names from their start. */
  ignoreRegex: string[];
  /** interrogate's `whitelist-regex` (`-w`): only matching names count; it implies ignoreModule. */
  whitelistRegex: string[];
  /** Paths and fnmatch patterns to exclude (interrogate: `fnmatch(path, pattern + "*")`). */
  exclude: string[];
  /** Include `.pyi` stub files (`--pyi`). */
  includeStubs: boolean;
  /** Leave Jupyter notebooks (`.ipynb`) out (docbits; they are measured by default). */
  ignoreNotebooks: boolean;
  omitCoveredFiles: boolean;
  /** 'google': a class and its __init__ cover each other (interrogate's rule). */
  docstringStyle: 'sphinx' | 'google';
  markers: MarkerOptions;
  /** A method inherits its base's docstring, or says `@override` (docbits; coverage/inheritance.ts). */
  inheritDocstrings: boolean;
  /** `[tool.docbits.per-path]`: a fail-under per path prefix, absolute once loaded (coverage/perPath.ts). */
  perPath: Array<{ prefix: string; failUnder: number }>;
}

// The defaults come from the option registry, like every other fact about an option.
export { DEFAULT_MARKERS, DEFAULT_OPTIONS } from '../config/options';

/** One counted definition (or the module) of a file. */
export interface CoverageNode {
  kind: NodeKind;
  /** Bare name; for the module, the file's base name. */
  name: string;
  /** As interrogate prints it: `Outer.method`, `func.inner`; for the module, the file's base name. */
  qualname: string;
  /**
   * 1-based line of the `def`/`class` keyword (`async` for async def); 0 for the module when it is empty.
   * In a notebook, the line inside the cell `cell`.
   */
  line: number;
  /** Notebooks only: the 1-based cell (among all the notebook's cells) that holds the node. */
  cell?: number;
  /** 0-based column of that keyword. */
  column: number;
  /** Nesting level as interrogate counts it: module 0, top-level definitions 1, ... */
  level: number;
  status: NodeStatus;
  /** For excused nodes: the marker that excused it. For documented nodes with a marker: that stale marker. */
  marker?: MarkerHit;
  /** Counted in totals? The module of a file is listed but not counted under ignore-module. */
  counted: boolean;
}

/** Where a skip comment sits (0-based line, UTF-16 columns of the marker text within the comment). */
export interface MarkerHit {
  line: number;
  start: number;
  end: number;
  /** The marker as written, e.g. `nodocqa`, `noqa: D102`. */
  text: string;
}

export interface Totals {
  total: number;
  covered: number;
  missed: number;
  excused: number;
}

/** The coverage of one file. total = covered + missed (excused nodes are outside the count). */
export interface FileCoverage extends Totals {
  /** Relative to the scanned root, with `/`. */
  path: string;
  /** Set when the file could not be read or decoded; then nodes is empty. */
  error: string | null;
  nodes: CoverageNode[];
  /** interrogate leaves such a file out of the report: nothing in it counts (empty + ignore-module, whitelist). */
  skipped?: boolean;
  /** With inheritDocstrings: what other files need to follow this module's classes (the scan sends it along). */
  summary?: ModuleSummary;
  /** When the scan also checks docstring quality (workspace/analyzeFile.ts qualityCoverage): the findings. Not for notebooks. */
  findings?: Finding[];
}

export interface CoverageTotals extends Totals {
  /** covered / total * 100; 100 when total is 0 (interrogate's rule). */
  percent: number;
}
