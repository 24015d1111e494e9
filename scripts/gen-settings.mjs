// Rewrites package.json's contributes.configuration.properties and capabilities.untrustedWorkspaces, and the
// README's settings table, from the option registry (server/src/config/options.ts). Run after compiling the tests:
//   npm run build:tests && node scripts/gen-settings.mjs
// test/config/options.test.ts fails until the committed files match.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { packageJsonProperties, readmeSettingsTable, untrustedWorkspaces } = require(path.join(repo, 'out/server/src/config/settingsSchema.js'));

const packagePath = path.join(repo, 'package.json');
const pkg = JSON.parse(fs.readFileSync(packagePath, 'utf8'));
pkg.contributes.configuration.properties = packageJsonProperties();
pkg.capabilities.untrustedWorkspaces = untrustedWorkspaces();
fs.writeFileSync(packagePath, `${JSON.stringify(pkg, null, 2)}\n`);

const readmePath = path.join(repo, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const start = readme.indexOf('| setting | default | meaning |');
const end = readme.indexOf('\n\n', start);
if (start < 0 || end < 0) throw new Error('README.md: the settings table was not found');
fs.writeFileSync(readmePath, readme.slice(0, start) + readmeSettingsTable() + readme.slice(end));
console.log('package.json and README.md updated from the option registry');
