/**
 * The hover's window on the workspace's other modules (bits/imports.ts ModuleReader): python/modules.ts finds
 * the file an import loads in the workspace folders, and this reads it, preferring the editor's unsaved text
 * of an open document. Files over the size limit, outside the folders, or unreadable are not read. Texts read
 * from disk are kept while the file's size and modification time stay the same.
 */
import * as fs from 'fs';
import { ModuleReader, ModuleText } from '../bits/imports';
import { nodeModuleFileSystem, resolveImport, SearchRoots, searchRoots } from '../python/modules';

export class WorkspaceModuleReader implements ModuleReader {
  private roots?: { folders: readonly string[]; roots: SearchRoots };
  private readonly texts = new Map<string, { size: number; mtimeMs: number; text: string }>();
  /** Larger files are not read (the hovered document's `docbits.maxFileSize`, set before each hover). */
  maxFileSize = 1_000_000;

  /**
   * @param folders the workspace folders, read on each call (they change)
   * @param openText the unsaved text of an open document at that path, if any
   */
  constructor(private readonly folders: () => readonly string[], private readonly openText: (file: string) => string | undefined) {}

  read(importer: string, level: number, module: string): ModuleText | undefined {
    const folders = this.folders();
    if (this.roots?.folders !== folders) this.roots = { folders, roots: searchRoots(folders, nodeModuleFileSystem) };
    const found = resolveImport(importer, { level, module }, this.roots.roots, nodeModuleFileSystem);
    if (found === undefined || found.kind === 'namespace') return undefined;
    const text = this.openText(found.file) ?? this.readFile(found.file);
    return text === undefined ? undefined : { file: found.file, text, isPackage: found.kind === 'package' };
  }

  private readFile(file: string): string | undefined {
    try {
      const stat = fs.statSync(file);
      if (stat.size > this.maxFileSize) return undefined;
      const known = this.texts.get(file);
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.text;
      const text = fs.readFileSync(file, 'utf8');
      if (this.texts.size >= 1024) this.texts.clear();
      this.texts.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, text });
      return text;
    } catch {
      return undefined;
    }
  }
}
