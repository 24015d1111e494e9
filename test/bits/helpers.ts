/** Shared helpers of the bits tests: fixtures and positions named by the text around them. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bits', name), 'utf8');
}

/**
 * The position of `target` inside the only occurrence of `snippet` in text (target defaults to the snippet's
 * start; `nth` picks a later occurrence of target within the snippet).
 */
export function positionOf(text: string, snippet: string, target = snippet, nth = 0): { line: number; character: number } {
  const at = text.indexOf(snippet);
  assert.ok(at >= 0, `snippet not found: ${snippet}`);
  assert.strictEqual(text.indexOf(snippet, at + 1), -1, `snippet not unique: ${snippet}`);
  let inner = snippet.indexOf(target);
  for (let i = 0; i < nth; i++) inner = snippet.indexOf(target, inner + 1);
  assert.ok(inner >= 0, `target ${target} not in snippet ${snippet}`);
  const offset = at + inner;
  const line = text.slice(0, offset).split('\n').length - 1;
  return { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}
