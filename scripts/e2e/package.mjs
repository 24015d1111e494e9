#!/usr/bin/env node
// `npm run package`: builds the minified bundles and packs them into a .vsix with @vscode/vsce, then checks the
// package: only the files package.json "files" lists (vsce and npm pack share that list) (no sources, maps, node_modules or tests), under 1 MB,
// with the manifest fields the Marketplace and `vsce` need. Prints the contents.
//
//   node scripts/e2e/package.mjs [--out file.vsix] [--no-build]
//
// vsce comes from the repository's node_modules (devDependency @vscode/vsce) or, failing that, from the e2e cache
// that scripts/e2e/install.sh fills ($DOCBITS_E2E_CACHE, default ~/.cache/docbits-e2e).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listZip } from '../../test/e2e/zip.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const out = path.resolve(opt('--out') ?? path.join(repo, `${manifest.name}-${manifest.version}.vsix`));
const MAX_BYTES = 1024 * 1024;
const fail = (msg) => { console.error(`package: ${msg}`); process.exit(1); };

// 1. Manifest fields (vsce refuses some, the Marketplace wants the rest).
const need = {
  name: manifest.name, publisher: manifest.publisher, version: manifest.version, displayName: manifest.displayName,
  description: manifest.description, license: manifest.license, icon: manifest.icon,
  'engines.vscode': manifest.engines?.vscode, categories: manifest.categories?.length ? manifest.categories : undefined,
  'capabilities.untrustedWorkspaces': manifest.capabilities?.untrustedWorkspaces,
  'capabilities.virtualWorkspaces': manifest.capabilities?.virtualWorkspaces,
};
const missing = Object.entries(need).filter(([, v]) => v === undefined || v === '').map(([k]) => k);
if (missing.length) fail(`package.json lacks ${missing.join(', ')} (see docs/e2e.md, "Packaging")`);
if (manifest.icon && !fs.existsSync(path.join(repo, manifest.icon))) fail(`icon ${manifest.icon} does not exist`);

// 2. Minified bundles.
if (!args.includes('--no-build')) {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repo, stdio: 'inherit' });
}
for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) {
  if (!fs.existsSync(path.join(repo, f))) fail(`${f} is missing after the build`);
}

// 3. vsce.
function findVsce() {
  const local = path.join(repo, 'node_modules', '.bin', 'vsce');
  if (fs.existsSync(local)) return local;
  const cache = process.env.DOCBITS_E2E_CACHE || path.join(os.homedir(), '.cache', 'docbits-e2e');
  const tools = fs.existsSync(cache) ? fs.readdirSync(cache).filter((d) => d.startsWith('tools-') && !d.endsWith('.partial')) : [];
  for (const d of tools.sort().reverse()) {
    const bin = path.join(cache, d, 'node_modules', '.bin', 'vsce');
    if (fs.existsSync(path.join(cache, d, '.complete')) && fs.existsSync(bin)) return bin;
  }
  return fail('no vsce: `npm ci` (devDependency @vscode/vsce) or `bash scripts/e2e/install.sh`');
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
// --no-dependencies: the bundles carry everything; node_modules never goes into the package.
const vsceArgs = ['package', '--no-dependencies', '--out', out];
if (!manifest.repository) {
  // vsce asks before packing without `repository` (no terminal here: it would abort), and refuses README's
  // relative links, which it rewrites against the repository URL. Without one they stay relative: the
  // README's screenshots (docs/, not in the package) show on a repository page, not in the Marketplace.
  vsceArgs.push('--allow-missing-repository', '--no-rewrite-relative-links');
  console.log('package: no `repository` in package.json, so README links stay relative (set one before publishing)');
}
execFileSync(findVsce(), vsceArgs, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });

// 4. What is inside.
const entries = listZip(fs.readFileSync(out));
const allowed = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/dist\/(extension|server|cli)\.js$/, /^extension\/syntaxes\/[^/]+\.json$/,
  /^extension\/images\/(icon\.png|activity-bar\.svg)$/, /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i, /^extension\/LICENSE(\.txt)?$/i,
];
const size = fs.statSync(out).size;
console.log(`\n${path.relative(process.cwd(), out) || out}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files`);
for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
const stray = entries.filter((e) => !allowed.some((re) => re.test(e.name)));
if (stray.length) fail(`unexpected files in the package: ${stray.map((e) => e.name).join(', ')} (check "files" in package.json)`);
for (const f of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/package.json']) {
  if (!entries.some((e) => e.name === f)) fail(`${f} is not in the package`);
}
if (size >= MAX_BYTES) fail(`the package is ${size} bytes, over the 1 MB budget`);
console.log('package: ok');
