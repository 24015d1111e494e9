/** What a check reports: pydoclint's code, our own message, and where it points. */
import type { Span } from '../parse';

/** The rule groups the editor can switch off one by one. */
export type RuleGroup = 'args' | 'returns' | 'yields' | 'raises' | 'class' | 'attributes';

export interface Finding {
  /** pydoclint's code, `DOC101`. */
  code: string;
  /** 0-based line pydoclint reports: the `def` / `class` line (an inline attribute docstring's own line for DOC606). */
  line: number;
  column: number;
  /** `Outer.method`, as the coverage report names definitions. */
  qualname: string;
  message: string;
  /** Where the editor shows it: the docstring entry or section that is wrong, or the parameter in the signature. */
  span: Span;
  /** Notebooks (the CLI): the 1-based cell that holds it; `line` and `column` are then inside that cell, `span` in the module. */
  cell?: number;
}

/** The group of a code: DOC1xx args, DOC2xx returns, DOC3xx class, DOC4xx yields, DOC5xx raises, DOC6xx attributes. */
export function ruleGroup(code: string): RuleGroup {
  switch (code.charAt(3)) {
    case '1': return 'args';
    case '2': return 'returns';
    case '3': return 'class';
    case '4': return 'yields';
    case '5': return 'raises';
    default: return 'attributes';
  }
}

/**
 * Whether a finding shows under the rule groups switched on: DOC0xx (the docstring itself cannot be read, or is
 * in another style) belongs to whatever is checked, so it shows with any group.
 */
export function inRuleGroups(code: string, groups: readonly RuleGroup[]): boolean {
  return groups.length > 0 && (code.startsWith('DOC0') || groups.includes(ruleGroup(code)));
}
