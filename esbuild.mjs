// Bundles the three entry points (docs/architecture.md): the VS Code client, the language server and the CLI.
// `node esbuild.mjs --production` minifies (for the .vsix); the default keeps bundles readable.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
];

await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
fs.chmodSync('dist/cli.js', 0o755);
