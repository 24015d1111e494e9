/**
 * Where a document lives: its path on disk (file: URIs only), the workspace folder holding it, and the path
 * users know it by (relative to that folder, with `/`). Untitled buffers and other schemes have no path:
 * they are still checked, with the editor's settings only.
 */
import * as path from 'path';
import { fileURLToPath } from 'url';

/**
 * The file path of a `file:` URI, undefined for other schemes. A file URI naming another host
 * (`file://server/share/x.py`) cannot be opened here and throws, like Node's fileURLToPath.
 */
export function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** filePathOf, with undefined instead of an exception for a file URI this machine cannot open. */
export function openableFilePathOf(uri: string): string | undefined {
  try {
    return filePathOf(uri);
  } catch {
    return undefined;
  }
}

/** The innermost workspace folder (absolute path) holding the file, if any. */
export function folderOf(filePath: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    if ((filePath.startsWith(prefix) || filePath === folder) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}

/** `pkg/mod.py` for a file in a workspace folder; the base name elsewhere; the URI's last segment without a path. */
export function displayPathOf(uri: string, filePath: string | undefined, folders: readonly string[]): string {
  if (filePath === undefined) {
    const last = uri.replace(/[?#].*$/, '').split(/[/:]/).pop() || uri;
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  }
  const folder = folderOf(filePath, folders);
  const relative = folder ? path.relative(folder, filePath) : path.basename(filePath);
  return relative.split(path.sep).join('/');
}

/** The base name interrogate shows for the module (the inventory's `fileName`). */
export function baseNameOf(displayPath: string): string {
  return displayPath.slice(displayPath.lastIndexOf('/') + 1);
}
