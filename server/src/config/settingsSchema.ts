/**
 * What the editor sees of the option registry: package.json's `contributes.configuration.properties` and the
 * README's settings table, generated from the rows. VS Code reads package.json as a static file, so it is
 * written by `npm run build:tests && node scripts/gen-settings.mjs`, and test/config/options.test.ts fails
 * when the committed files differ from what the registry gives. Not part of the CLI or server bundles.
 */
import { DEFAULT_MARKERS, OptionRow, SETTING_ROWS } from './options';

type Schema = Record<string, unknown>;

function coverageSuffix(fileKey: string): string {
  return `\n\n*Coverage option (interrogate's \`${fileKey}\`); the project's \`[tool.interrogate]\` wins unless \`#docbits.configPrecedence#\` is \`editorSettings\`.*`;
}

/** The setting's description as plain text (the README's, and the start of package.json's). */
function settingText(row: OptionRow): string {
  return row.setting!.note ? `${row.help} ${row.setting!.note}` : row.help;
}

function typeOf(row: OptionRow): Schema {
  switch (row.kind) {
    case 'bool':
      return { type: 'boolean' };
    case 'failUnder':
      return { type: 'number' };
    case 'int':
      return { type: 'integer' };
    case 'choice':
    case 'style':
      return { type: 'string', enum: [...row.choices!] };
    case 'gitBase':
    case 'absolutePath':
      return { type: 'string' };
    case 'regexList':
    case 'pathList':
      return { type: 'array', items: { type: 'string' } };
    case 'choiceList':
      return { type: 'array', items: { type: 'string', enum: [...row.choices!] } };
    default:
      throw new Error(`no editor setting shape for ${row.kind}`);
  }
}

/** package.json's `contributes.configuration.properties`, in registry order. */
export function packageJsonProperties(): Record<string, Schema> {
  const properties: Record<string, Schema> = {};
  for (const row of SETTING_ROWS) {
    const setting = row.setting!;
    const coverage = row.scope === 'coverage' ? coverageSuffix(setting.shownFileKey ?? row.file!) : '';
    if (setting.subSettings) {
      for (const [sub, text] of Object.entries(setting.subSettings)) {
        properties[`${setting.key}.${sub}`] = {
          type: 'boolean',
          default: DEFAULT_MARKERS[sub as keyof typeof DEFAULT_MARKERS],
          markdownDescription: text + coverage,
        };
      }
      continue;
    }
    const { type, items, enum: values } = typeOf(row);
    const { enumDescriptions, minimum, maximum, scope } = setting.schema ?? {};
    const property: Schema = {
      type, scope, items, enum: values, default: Array.isArray(row.default) ? [...row.default] : row.default, enumDescriptions,
      minimum: minimum ?? row.min, maximum: maximum ?? row.max,
      markdownDescription: settingText(row) + coverage,
    };
    properties[setting.key] = Object.fromEntries(Object.entries(property).filter(([, v]) => v !== undefined));
  }
  return properties;
}

/**
 * package.json's `capabilities.untrustedWorkspaces`: in Restricted Mode VS Code ignores a workspace's own
 * values of the settings that take regexes or paths (a hostile repository could otherwise point them at
 * whatever it likes), and uses the user's.
 */
export function untrustedWorkspaces(): Schema {
  const restricted = SETTING_ROWS.filter((row) => row.kind === 'regexList' || row.kind === 'pathList' || row.kind === 'path');
  return {
    supported: 'limited',
    description: 'In Restricted Mode the workspace\'s own regex and path settings are ignored; the user\'s apply.',
    restrictedConfigurations: restricted.map((row) => row.setting!.key),
  };
}

/** The README's settings table (header included), one row per package.json property. */
export function readmeSettingsTable(): string {
  const lines = ['| setting | default | meaning |', '| --- | --- | --- |'];
  for (const [key, property] of Object.entries(packageJsonProperties())) {
    const text = String(property.markdownDescription).split('\n\n*Coverage option')[0];
    lines.push(`| \`${key}\` | ${JSON.stringify(property.default)} | ${text} |`);
  }
  return lines.join('\n');
}
