/**
 * Diagnostics for one document: one per missed definition (on its name) and one hint per stale skip marker.
 *
 * Codes are pydocstyle's (as ruff uses them), so people recognise them and `# noqa: D102` reads naturally:
 *   D100 module          D104 package (`__init__.py`) module
 *   D101 class           D106 nested class (a class inside a class or function)
 *   D102 method          D105 magic method (`__eq__`, ...)      D107 `__init__`
 *   D103 function (nested functions too)
 * The stale-marker hint has the code `unnecessary-marker` and the Unnecessary tag (editors fade it).
 * Syntax errors are not reported: that is the job of the Python tooling the user already has.
 */
import type { Range } from 'vscode-languageserver-types';
import { ConfigProblem } from '../config/types';
import { Severity } from '../config/editorSettings';
import { printable } from '../python/printable';
import { objectArray } from '../python/objectArray';
import { Definition } from '../python/structure';
import { FileInventory } from './inventory';
import { CoverageNode, NodeKind } from './types';

export const DIAGNOSTIC_SOURCE = 'docbits';
export const UNNECESSARY_MARKER_CODE = 'unnecessary-marker';

/**
 * What a code action needs to find the definition again in a later version of the text: its kind and
 * qualified name (with the diagnostic's line to choose among namesakes). Not an index into one parse.
 */
export interface MissingDocstringData {
  kind: NodeKind;
  qualname: string;
}

/** A diagnostic as plain data; the server turns it into LSP's Diagnostic. */
export interface CoverageDiagnostic {
  range: Range;
  severity: Severity;
  /** pydocstyle's code (D100...), `unnecessary-marker`; none for problems in a config file. */
  code?: string;
  message: string;
  /** A stale skip marker: editors fade it out (LSP's Unnecessary tag). */
  unnecessary?: boolean;
  data?: MissingDocstringData;
}

export function diagnosticCode(node: CoverageNode, fileName: string): string {
  switch (node.kind) {
    case 'module': return fileName === '__init__.py' || fileName === '__init__.pyi' ? 'D104' : 'D100';
    case 'class': return node.level > 1 ? 'D106' : 'D101';
    case 'function': return 'D103';
    case 'method':
      if (node.name === '__init__') return 'D107';
      return node.name.length > 4 && node.name.startsWith('__') && node.name.endsWith('__') ? 'D105' : 'D102';
  }
}

/** `Missing docstring in method Parser.feed`; a module is named by its path (control characters escaped). */
export function missingDocstringMessage(node: CoverageNode, modulePath: string): string {
  return `Missing docstring in ${node.kind} ${printable(node.kind === 'module' ? modulePath : node.qualname)}`;
}

function nameRange(def: Definition): Range {
  return { start: { line: def.nameLine, character: def.nameStart }, end: { line: def.nameLine, character: def.nameEnd } };
}

/** Modules have no name to underline: an empty range at the start of the file. */
const MODULE_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * @param displayPath the module's path as the user knows it (relative to the workspace folder, `/`-separated)
 */
export function coverageDiagnostics(inv: FileInventory, displayPath: string, severity: Severity): CoverageDiagnostic[] {
  const diagnostics: CoverageDiagnostic[] = objectArray();
  const fileName = displayPath.slice(displayPath.lastIndexOf('/') + 1);
  // An indexed loop, not forEach with a new closure per call: V8 inlines forEach's callback into the optimised
  // caller and throws that code away when the next document's call brings another closure ("wrong call target").
  const nodes = inv.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const index = inv.definitionOf[i];
    const def = index >= 0 ? inv.structure.definitions[index] : undefined;
    if (node.status === 'missed' && node.counted) {
      diagnostics.push({
        range: def ? nameRange(def) : MODULE_RANGE,
        severity,
        code: diagnosticCode(node, fileName),
        message: missingDocstringMessage(node, displayPath),
        data: { kind: node.kind, qualname: node.qualname },
      });
    } else if (node.status === 'covered' && node.marker) {
      const m = node.marker;
      diagnostics.push({
        range: { start: { line: m.line, character: m.start }, end: { line: m.line, character: m.end } },
        severity: 'hint',
        code: UNNECESSARY_MARKER_CODE,
        message: `Unnecessary # ${m.text}: ${printable(node.kind === 'module' ? displayPath : node.qualname)} has a docstring`,
        unnecessary: true,
      });
    }
  }
  return diagnostics;
}

/**
 * Problems in a project's pyproject.toml / setup.cfg, as diagnostics on that file: the user sees them where
 * they would fix them, and the defaults docbits fell back to still apply meanwhile.
 */
export function configDiagnostics(problems: readonly ConfigProblem[]): CoverageDiagnostic[] {
  return problems.map((problem) => {
    const line = Math.max(0, (problem.line ?? 1) - 1);
    const character = Math.max(0, (problem.column ?? 1) - 1);
    return {
      range: { start: { line, character }, end: { line, character: problem.column ? character + 1 : Number.MAX_SAFE_INTEGER } },
      severity: problem.severity,
      message: problem.message, // each message says what docbits does instead
    };
  });
}
