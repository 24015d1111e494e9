/**
 * The docstring parser against pydoclint's own parser (docstring_parser_fork, through pydoclint's
 * parse_docstring.py) on the stdlib's docstrings, in each of the three styles: the same parameters (names and
 * types), returns, yields, raises and attributes, and the same detected style. Sections we read and pydoclint
 * does not (`nonstandard`) are left out of the comparison; the differences we make on purpose are counted by
 * name. CI reads every 8th stdlib file; DOCBITS_FULL_DIFF=1 reads them all.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { DocEntry, DocstringStyleName, ParsedDocstring, parseDocstring, SectionKind } from '../../../server/src/docstrings/parse';
import { decodePython } from '../../../server/src/python/decode';
import { lineStarts } from '../../../server/src/python/lines';
import { parseStructure } from '../../../server/src/python/structure';
import { ForkReading, forkReadings, Pair } from '../../oracles/docstringParse';
import { pydoclintMissing } from '../../oracles/pydoclint';
import { stdlibFiles } from '../../oracles/stdlib';

const STYLES: DocstringStyleName[] = ['google', 'numpy', 'sphinx'];
const FULL = process.env.DOCBITS_FULL_DIFF === '1';

/** The fork's type text for an entry: it strips `, optional` (google, numpy) and `?` (google, sphinx). */
function forkType(style: DocstringStyleName, kind: 'param' | 'other', type: string | null): string | null {
  if (type === null) return null;
  let t = type;
  if (kind === 'param' && style === 'google') {
    if (t.endsWith(', optional')) t = t.slice(0, -10);
    else if (t.endsWith('?')) t = t.slice(0, -1);
  }
  if (kind === 'param' && style === 'numpy') {
    const optional = /^(.*?)(?:, optional|\(optional\))$/.exec(t);
    if (optional) t = optional[1];
    const withDefault = /^(.*?)(?:, default|\(default\))(?: | |=| = |= |: |)*(.*)$/.exec(t);
    if (withDefault) t = withDefault[1];
  }
  return t.trim();
}

function ours(doc: ParsedDocstring, style: DocstringStyleName): Omit<ForkReading, 'error'> {
  const pick = (kinds: SectionKind[]): DocEntry[] => doc.sections
    .filter((s) => kinds.includes(s.kind) && !s.nonstandard).flatMap((s) => s.entries)
    .filter((e) => e.field !== 'type');
  const paramKinds: SectionKind[] = style === 'google' ? ['params'] : ['params', 'otherParams', 'receives'];
  const pair = (e: DocEntry, kind: 'param' | 'other'): Pair => [e.name, forkType(style, kind, e.type)];
  return {
    params: pick(paramKinds).map((e) => pair(e, 'param')),
    returns: outcomes(doc, 'returns').map((e) => pair(e, 'other')),
    yields: outcomes(doc, 'yields').map((e) => pair(e, 'other')),
    raises: pick(['raises']).map((e) => e.name),
    attrs: pick(['attributes']).map((e) => pair(e, 'param')),
  };
}

/**
 * Returns / Yields entries. An empty google section is, for the fork, an entry without type or description;
 * for us a section without entries.
 */
function outcomes(doc: ParsedDocstring, kind: 'returns' | 'yields'): DocEntry[] {
  const out: DocEntry[] = [];
  for (const s of doc.sections) {
    if (s.kind !== kind || s.nonstandard) continue;
    if (s.entries.length === 0 && doc.style === 'google') out.push({ name: null, type: null } as DocEntry);
    else out.push(...s.entries.filter((e) => e.field !== 'type'));
  }
  return out;
}

function normalise(reading: Omit<ForkReading, 'error'>, style: DocstringStyleName): string {
  const trim = (s: string | null): string | null => (s === null ? null : s.trim().replace(/\s+/g, ' '));
  const pairs = (xs: Pair[]): Pair[] => xs.map(([a, b]) => [trim(a) || null, trim(b) || null]);
  return JSON.stringify({
    params: pairs(reading.params), returns: pairs(reading.returns), yields: pairs(reading.yields),
    raises: reading.raises.map((r) => trim(r) || null), attrs: style === 'sphinx' ? [] : pairs(reading.attrs),
  });
}

describe('docstring parser vs pydoclint\'s parser (stdlib)', function () {
  this.timeout(600_000);
  before(() => {
    const missing = pydoclintMissing();
    if (missing) throw new Error(missing);
  });

  it('reads the same entries in each style, and detects the same style', () => {
    const all = stdlibFiles().filter((f) => !/\/(test|tests|idlelib\/idle_test|lib2to3\/tests)\//.test(f));
    const files = FULL ? all : all.filter((_, i) => i % 8 === 0);
    const fork = forkReadings(files);
    let compared = 0, agreed = 0, detectedSame = 0, docs = 0, forkErrors = 0, forkErrorsWithProblems = 0;
    const disagreements: string[] = [];
    for (const file of files) {
      const record = fork.get(file);
      if (!record?.docs) continue;
      const decoded = decodePython(fs.readFileSync(file));
      if (!decoded.ok) continue;
      const text = decoded.text;
      const structure = parseStructure(text);
      const starts = lineStarts(text);
      const byLine = new Map<number, NonNullable<typeof structure.docstring>>();
      if (structure.docstring) byLine.set(structure.docstring.startLine + 1, structure.docstring);
      for (const def of structure.definitions) if (def.docstring) byLine.set(def.docstring.startLine + 1, def.docstring);
      for (const forkDoc of record.docs) {
        const docstring = byLine.get(forkDoc.line);
        if (!forkDoc.styles || !docstring) continue;
        docs++;
        if (parseDocstring(text, starts, docstring, { defaultStyle: 'numpy' }).style === forkDoc.detected) detectedSame++;
        else if (disagreements.length < 400) disagreements.push(`${file}:${forkDoc.line} detected ${forkDoc.detected}`);
        for (const style of STYLES) {
          const theirs = forkDoc.styles[style];
          const mine = parseDocstring(text, starts, docstring, { style });
          if (theirs.error) {
            forkErrors++;
            if (mine.problems.length > 0) forkErrorsWithProblems++;
            continue;
          }
          compared++;
          const a = normalise(ours(mine, style), style), b = normalise(theirs, style);
          if (a === b) agreed++;
          else if (disagreements.length < 400) disagreements.push(`${file}:${forkDoc.line} ${style}\n  ours   ${a}\n  theirs ${b}`);
        }
      }
    }
    const percent = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(2)}%`);
    console.log(`      ${files.length} files, ${docs} docstrings: entries agree on ${agreed}/${compared} readings (${percent(agreed, compared)}), ` +
      `style on ${percent(detectedSame, docs)}; pydoclint refused ${forkErrors} readings, we reported problems on ${forkErrorsWithProblems}`);
    if (process.env.DOCBITS_SHOW_DIFF) console.log(disagreements.join('\n'));
    assert.ok(docs > 100, 'too few docstrings compared');
    assert.strictEqual(detectedSame, docs, disagreements.filter((d) => d.includes('detected')).slice(0, 10).join('\n'));
    assert.ok(agreed / compared >= 0.99, disagreements.slice(0, 20).join('\n'));
  });
});
