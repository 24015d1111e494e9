/**
 * The interpreter the Python extension (ms-python.python) has selected, for `docbits.hover.pythonInterpreter`:
 * the server reads that interpreter's standard library for hovers such as `re.VERBOSE` (from its path and a
 * venv's pyvenv.cfg; nothing is run). Only asked when the Python extension is already active: docbits never
 * activates it. Both of its API shapes are read: `environments` (current) and `settings` (older).
 */
import * as path from 'path';
import * as vscode from 'vscode';

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: vscode.Uri): { path?: string } | undefined;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  settings?: { getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } | undefined };
}

function activePythonApi(): PythonExtensionApi | undefined {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  return extension?.isActive ? extension.exports : undefined;
}

/** The selected interpreter's absolute path for `scope`, or undefined (no Python extension, not active, a bare command). */
export function selectedPythonInterpreter(scope: vscode.Uri | undefined): string | undefined {
  try {
    const api = activePythonApi();
    const selected = api?.environments?.getActiveEnvironmentPath?.(scope)?.path ?? api?.settings?.getExecutionDetails?.(scope)?.execCommand?.[0];
    return typeof selected === 'string' && path.isAbsolute(selected) ? selected : undefined;
  } catch {
    return undefined; // another extension's API: whatever it throws is not ours to report
  }
}

/** Calls `onChange` when the Python extension's selected interpreter changes (if it is active now). */
export function onPythonInterpreterChange(onChange: () => void): vscode.Disposable {
  try {
    return activePythonApi()?.environments?.onDidChangeActiveEnvironmentPath?.(onChange) ?? new vscode.Disposable(() => undefined);
  } catch {
    return new vscode.Disposable(() => undefined);
  }
}
