/** Reading docstring fixtures: every definition's docstring of a file, parsed. */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocstring, ParsedDocstring, ParseOptions } from '../../server/src/docstrings/parse';
import { lineStarts } from '../../server/src/python/lines';
import { parseStructure } from '../../server/src/python/structure';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'docstrings');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The parsed docstring of each documented definition, by name (the last one wins on redefinition). */
export function docstringsOf(text: string, options: ParseOptions = {}): Map<string, ParsedDocstring> {
  const structure = parseStructure(text);
  const starts = lineStarts(text);
  const byName = new Map<string, ParsedDocstring>();
  if (structure.docstring) byName.set('<module>', parseDocstring(text, starts, structure.docstring, options));
  for (const def of structure.definitions) {
    if (def.docstring) byName.set(def.name, parseDocstring(text, starts, def.docstring, options));
  }
  return byName;
}
