#!/usr/bin/env node
// Hover costs in-process, as ratios within one run (npm run bench runs it after the LSP bench):
//   1. the FIRST hover on a 1 MB file of `A = B * B` lines (B = 3**20000) at its end: the hover reads every
//      statement before it (bits/scope.ts ScopeIndex) on a fresh per-version cache, against reading the file
//      from disk and against only tokenizing it (the Tokenizer's cursor, no tokens kept); target < 100 ms;
//   2. a cross-module hover (`from pkg.consts_N import FLAG_N`) in a generated 1,000-file workspace: the first,
//      and the median after it (each module read once, then cached per text); target < 20 ms median.
//   3. standard-library constants (re.VERBOSE | re.MULTILINE, os.O_RDONLY) read from the stdlib's sources.
// The hover and the tokenizer are bundled from server/src with esbuild (minified, as they ship).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_HOVER_RUNS ?? 7);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-hover-bench-'));
const entry = path.join(tmp, 'entry.ts');
fs.writeFileSync(entry, [
  `export { bitsHover, HoverTokens } from ${JSON.stringify(path.join(repo, 'server/src/bits/hover'))};`,
  `export { ModuleIndexCache } from ${JSON.stringify(path.join(repo, 'server/src/bits/imports'))};`,
  `export { Tokenizer } from ${JSON.stringify(path.join(repo, 'server/src/python/lexer/cursor'))};`,
  `export { WorkspaceModuleReader } from ${JSON.stringify(path.join(repo, 'server/src/session/moduleReader'))};`,
].join('\n'));
const bundle = path.join(tmp, 'hover.cjs');
await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' });
const { bitsHover, HoverTokens, ModuleIndexCache, Tokenizer, WorkspaceModuleReader } = (await import(pathToFileURL(bundle).href)).default;

const ms = (fn) => {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. The first hover on the 1 MB file.
const lines = ['B = 3**20000'];
for (let size = 13; size < 1_000_000 - 20; size += 10) lines.push('A = B * B');
lines.push('x = A & 1', '');
const bigFile = path.join(tmp, 'big.py');
fs.writeFileSync(bigFile, lines.join('\n'));
const hoverLine = lines.length - 2;
const best = { read: Infinity, tokenize: Infinity, first: Infinity, later: Infinity };
for (let run = 0; run < RUNS; run++) {
  const read = ms(() => fs.readFileSync(bigFile, 'utf8'));
  const text = read.result;
  const tokenize = ms(() => {
    const tokenizer = new Tokenizer(text);
    let count = 0;
    while (tokenizer.next() !== 0) count++;
    return count;
  });
  const cache = new HoverTokens(text);
  const first = ms(() => bitsHover(text, hoverLine, 6, undefined, cache));
  if (!first.result?.markdown.includes('63399-bit number')) throw new Error('the 1 MB hover did not resolve A');
  const later = ms(() => bitsHover(text, hoverLine, 6, undefined, cache));
  best.read = Math.min(best.read, read.ms);
  best.tokenize = Math.min(best.tokenize, tokenize.ms);
  best.first = Math.min(best.first, first.ms);
  best.later = Math.min(best.later, later.ms);
}
console.log(`hover on 1 MB of 'A = B * B' (best of ${RUNS}): first hover ${best.first.toFixed(1)} ms (target < 100), ` +
  `later ${best.later.toFixed(1)} ms; reading the file ${best.read.toFixed(1)} ms, tokenizing it ${best.tokenize.toFixed(1)} ms: ` +
  `first hover = ${(best.first / best.tokenize).toFixed(2)}x tokenizing, ${(best.first / (best.read + best.tokenize)).toFixed(2)}x reading + tokenizing`);

// 2. A cross-module hover in a 1,000-file workspace.
const root = path.join(tmp, 'workspace');
fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
fs.writeFileSync(path.join(root, 'pkg', '__init__.py'), '');
const FILES = 1000;
for (let i = 0; i < FILES; i++) {
  const body = [`"""Constants ${i}."""`, 'import enum', ''];
  for (let k = 0; k < 40; k++) body.push(`C${k} = 1 << ${k % 60}`);
  body.push(`FLAG_${i} = C3 | C${i % 40}`, '');
  fs.writeFileSync(path.join(root, 'pkg', `consts_${i}.py`), body.join('\n'));
}
const main = path.join(root, 'main.py');
const mainLines = [];
for (let i = 0; i < FILES; i++) mainLines.push(`from pkg.consts_${i} import FLAG_${i}`);
for (let i = 0; i < FILES; i++) mainLines.push(`m${i} = FLAG_${i} & 0xFF`);
const mainText = mainLines.join('\n') + '\n';
fs.writeFileSync(main, mainText);
const reader = new WorkspaceModuleReader(() => [root], () => undefined);
const moduleCache = new ModuleIndexCache();
const workspace = { file: main, reader, cache: moduleCache };
const mainCache = new HoverTokens(mainText);
const hovers = [];
let firstCross;
for (let k = 0; k < 200; k++) {
  const i = (k * 37) % FILES;
  const line = FILES + i;
  const hover = ms(() => bitsHover(mainText, line, `m${i} = FLAG_${i} `.length, undefined, mainCache, workspace));
  if (!hover.result?.markdown.includes(`line ${i + 1}`) && !hover.result?.markdown.includes('= `')) throw new Error(`no cross-module value at line ${line + 1}`);
  if (k === 0) firstCross = hover.ms;
  else hovers.push(hover.ms);
}
// Hovers again on modules already read: what a user moving the mouse sees.
const again = [];
for (let k = 0; k < 200; k++) {
  const i = (k * 37) % FILES;
  again.push(ms(() => bitsHover(mainText, FILES + i, `m${i} = FLAG_${i} `.length, undefined, mainCache, workspace)).ms);
}
console.log(`cross-module hover, ${FILES}-file workspace: first ${firstCross.toFixed(1)} ms; 199 more on new modules: median ` +
  `${median(hovers).toFixed(2)} ms; 200 on modules read before: median ${median(again).toFixed(2)} ms (target < 20)`);
// 3. Standard-library constants (read from its .py sources): `re.VERBOSE | re.MULTILINE` follows re/__init__.py,
// re/_compiler.py and re/_constants.py; `os.O_RDONLY` reads os.py to find it may come from C.
const stdlibCases = [['import re\nx = re.VERBOSE | re.MULTILINE\n', 'x = re.VERBOSE '.length], ['import os\nx = os.O_RDONLY | os.SEEK_END\n', 'x = os.O_RDONLY '.length]];
const stdlibFolders = [root];
const stdlibReader = new WorkspaceModuleReader(() => stdlibFolders, () => undefined);
const stdlibCache = new ModuleIndexCache();
const stdlibWorkspace = { file: main, reader: stdlibReader, cache: stdlibCache };
const stdlibTokens = stdlibCases.map(([text]) => new HoverTokens(text));
const stdlibFirst = stdlibCases.map(([text, at], k) => ms(() => bitsHover(text, 1, at, undefined, stdlibTokens[k], stdlibWorkspace)));
if (stdlibFirst[0].result && !stdlibFirst[0].result.markdown.includes('= `72`')) throw new Error('re.VERBOSE | re.MULTILINE did not resolve');
const stdlibLater = stdlibCases.map(([text, at], c) => {
  const times = [];
  for (let k = 0; k < 50; k++) times.push(ms(() => bitsHover(text, 1, at, undefined, stdlibTokens[c], stdlibWorkspace)).ms);
  return median(times);
});
console.log(`stdlib hovers${stdlibFirst[0].result ? '' : ' (no stdlib found: names unknown)'}: re.VERBOSE | re.MULTILINE first ${stdlibFirst[0].ms.toFixed(1)} ms, then median ` +
  `${stdlibLater[0].toFixed(2)} ms; os.O_RDONLY | os.SEEK_END first ${stdlibFirst[1].ms.toFixed(1)} ms, then median ${stdlibLater[1].toFixed(2)} ms`);
fs.rmSync(tmp, { recursive: true, force: true });
