/**
 * Answers the server's workspace/configuration for `docbits` with only the settings the user actually set
 * (user, workspace or folder level). VS Code would otherwise fill in every default, and with
 * `configPrecedence: "editorSettings"` those defaults would override the project file's values key by key,
 * although the user never chose them. The server has the same defaults, so leaving them out changes nothing else.
 */
import * as vscode from 'vscode';
import { Middleware } from 'vscode-languageclient/node';
import { selectedPythonInterpreter } from './pythonInterpreter';

/** `docbits.hover.grouping` -> `hover.grouping`, for every setting the extension contributes. */
function settingKeys(extension: vscode.Extension<unknown> | undefined): string[] {
  const properties = (extension?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } })
    ?.contributes?.configuration?.properties ?? {};
  return Object.keys(properties).filter((k) => k.startsWith('docbits.')).map((k) => k.slice('docbits.'.length));
}

function explicitSettings(keys: readonly string[], scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('docbits', scope);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = config.inspect(key);
    const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (value === undefined) continue;
    const parts = key.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  }
  // Unless the user chose one, the stdlib hovers read is the Python extension's selected interpreter's.
  const hover = (result.hover ?? {}) as Record<string, unknown>;
  if (hover.pythonInterpreter === undefined) {
    const interpreter = selectedPythonInterpreter(scope);
    if (interpreter !== undefined) result.hover = { ...hover, pythonInterpreter: interpreter };
  }
  return result;
}

export function configurationMiddleware(extension: vscode.Extension<unknown> | undefined): Middleware {
  const keys = settingKeys(extension);
  return {
    workspace: {
      configuration: (params, token, next) => params.items.some((item) => item.section === 'docbits')
        ? params.items.map((item) => (item.section === 'docbits'
          ? explicitSettings(keys, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
          : null))
        : next(params, token),
    },
  };
}
