/**
 * The option registry (config/options.ts) against everything derived from it that is a static file:
 * package.json's contributes.configuration and the README's settings table. On a mismatch, run
 * `npm run build:tests && node scripts/gen-settings.mjs` and commit the result.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_EDITOR_SETTINGS, readEditorSettings } from '../../server/src/config/editorSettings';
import { rowOfKey } from '../../server/src/config/fileKeys';
import { CLI_ROWS, DEFAULT_OPTIONS, FILE_ROWS, OPTION_ROWS, SETTING_ROWS } from '../../server/src/config/options';
import { packageJsonProperties, readmeSettingsTable, untrustedWorkspaces } from '../../server/src/config/settingsSchema';
import { convert } from '../../server/src/config/values';

const REPO = path.join(__dirname, '..', '..', '..');
const HINT = 'run `npm run build:tests && node scripts/gen-settings.mjs`';

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('config: the option registry', () => {
  it('names every key, flag and setting once', () => {
    assert.deepStrictEqual(duplicates(FILE_ROWS.flatMap((r) => [r.file!, ...(r.fileAliases ?? [])])), []);
    assert.deepStrictEqual(duplicates(CLI_ROWS.flatMap((r) => [r.cli!.long, ...(r.cli!.negation ? [r.cli!.negation] : [])])), []);
    assert.deepStrictEqual(duplicates(CLI_ROWS.flatMap((r) => (r.cli!.short ? [r.cli!.short] : []))), []);
    assert.deepStrictEqual(duplicates(SETTING_ROWS.flatMap((r) => [r.setting!.key, ...(r.setting!.renamedFrom ?? [])])), []);
    assert.ok(OPTION_ROWS.every((r) => r.help.trim() !== ''));
  });

  it('uses interrogate 1.7.0\'s spellings: `style` / --style, with docstring-style kept as an alias', () => {
    assert.strictEqual(rowOfKey('style')!.prop, 'docstringStyle');
    assert.strictEqual(rowOfKey('docstring-style'), rowOfKey('style'));
    assert.strictEqual(CLI_ROWS.find((r) => r.prop === 'docstringStyle')!.cli!.long, 'style');
    assert.strictEqual(CLI_ROWS.find((r) => r.file === 'ext')!.cli!.long, 'ext');
  });

  it('has defaults that pass its own checks (config-file route and editor route)', () => {
    for (const row of OPTION_ROWS) {
      if (row.default === undefined || row.kind === 'markers') continue;
      const r = convert(row, row.default);
      assert.ok(!('error' in r) && r.problems.length === 0, `${row.prop}: ${JSON.stringify(r)}`);
    }
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(packageJsonProperties())) {
      const parts = key.slice('docbits.'.length).split('.');
      let target = defaults;
      for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
      target[parts[parts.length - 1]] = property.default;
    }
    const { settings, problems } = readEditorSettings(defaults);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual({ ...settings, coverage: {}, hover: {} }, DEFAULT_EDITOR_SETTINGS);
    for (const [prop, value] of Object.entries(settings.coverage)) {
      assert.deepStrictEqual(value, (DEFAULT_OPTIONS as unknown as Record<string, unknown>)[prop], prop);
    }
  });

  it('matches package.json contributes.configuration (keys, order, types, defaults, enums, descriptions)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const actual = pkg.contributes.configuration.properties as Record<string, unknown>;
    const expected = packageJsonProperties();
    assert.deepStrictEqual(Object.keys(actual), Object.keys(expected), HINT);
    assert.deepStrictEqual(actual, expected, `${HINT}; expected:\n${JSON.stringify(expected, null, 2)}`);
  });

  it('restricts the regex and path settings in untrusted workspaces (package.json capabilities)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces, untrustedWorkspaces(), HINT);
    assert.deepStrictEqual(untrustedWorkspaces().restrictedConfigurations, ['docbits.exclude', 'docbits.ignoreRegex', 'docbits.whitelistRegex']);
  });

  it('matches the README settings table', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.ok(readme.includes(`${readmeSettingsTable()}\n\n`), `${HINT}; expected:\n${readmeSettingsTable()}`);
  });
});
