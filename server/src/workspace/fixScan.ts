/**
 * `docbits --fix`: the docstring updates of docstrings/fixFile.ts written back to the files on disk.
 *
 * - A file is written only when it is a regular file whose real path (symlinks resolved) lies inside the
 *   project: a link in a cloned repository must not make `--fix` write elsewhere.
 * - Its encoding stays: the new text is encoded as the old one was (UTF-8 with its BOM if it had one, ASCII,
 *   Latin-1) and must decode back to the same text; other encodings are left as they are, with a message.
 *   Line endings are the docstring's own (the update writes them).
 * - A notebook's cells are edited in its JSON, laid out as it was (docstrings/fixNotebook.ts).
 * - The write is atomic (workspace/reportFiles.ts: a temporary file in the same folder, then a rename; the
 *   mode stays), and refused when the file changed after it was read (an editor saved meanwhile).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding, QualityOptions } from '../docstrings/checks';
import { checkDocstrings } from '../docstrings/checks';
import { DocstringFix, fixDocstrings } from '../docstrings/fixFile';
import { parsedFile } from '../coverage/stubs';
import { isNotebookPath, notebookModuleOfText } from '../coverage/notebookCoverage';
import { notebookFindings } from '../docstrings/checks/notebook';
import { fixNotebookDocstrings } from '../docstrings/fixNotebook';
import { decodePython } from '../python/decode';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './analyzeFile';
import { ReportFileError, writeFileAtomically } from './reportFiles';

export interface FixResult {
  /** The docstrings updated (and written). */
  fixes: DocstringFix[];
  /** The findings left in the file after the fix (all of them when it was not written). */
  remaining: Finding[];
  /** Why the file was read but not fixed, or could not be read; null when all went well. */
  error: string | null;
}

/** Fixes the docstrings of `file` in place; `projectRoot` bounds where a symlinked file may lead. */
export function fixDocstringsOfFile(file: string, projectRoot: string, options: QualityOptions, maxFileBytes = DEFAULT_MAX_FILE_BYTES): FixResult {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    return { fixes: [], remaining: [], error: `cannot read it: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const read = readSourceFile(real, maxFileBytes);
  if (typeof read === 'string') return { fixes: [], remaining: [], error: read };
  const bytes = Buffer.from(read); // readSourceFile may reuse its buffer
  if (isNotebookPath(real)) return fixNotebookFile(real, bytes, projectRoot, options, maxFileBytes);
  const decoded = decodePython(bytes);
  if (!decoded.ok) return { fixes: [], remaining: [], error: decoded.error };
  const outcome = fixDocstrings(decoded.text, options);
  if (!outcome.ok) return { fixes: [], remaining: outcome.before, error: `not fixed: ${outcome.reason}` };
  if (outcome.fixes.length === 0) return { fixes: [], remaining: outcome.before, error: null };
  const refusal = outsideRefusal(real, projectRoot);
  if (refusal) return { fixes: [], remaining: outcome.before, error: refusal };
  const encoded = encodeLike(outcome.text, bytes, decoded.encoding);
  if (typeof encoded === 'string') return { fixes: [], remaining: outcome.before, error: `not fixed: ${encoded}` };
  const refused = writeUnlessChanged(real, bytes, encoded, maxFileBytes);
  if (refused) return { fixes: [], remaining: outcome.before, error: refused };
  return { fixes: outcome.fixes, remaining: checkDocstrings(parsedFile(outcome.text), options), error: null };
}

/** A notebook (.ipynb, UTF-8 JSON): its cells' docstrings updated (docstrings/fixNotebook.ts), written as above. */
function fixNotebookFile(real: string, bytes: Buffer, projectRoot: string, options: QualityOptions, maxFileBytes: number): FixResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { fixes: [], remaining: [], error: 'not a notebook: the file is not UTF-8 text' };
  }
  const outcome = fixNotebookDocstrings(text, options);
  if (!outcome.ok) return { fixes: [], remaining: outcome.before, error: `not fixed: ${outcome.reason}` };
  if (outcome.fixes.length === 0) return { fixes: [], remaining: outcome.before, error: null };
  const refusal = outsideRefusal(real, projectRoot);
  if (refusal) return { fixes: [], remaining: outcome.before, error: refusal };
  const refused = writeUnlessChanged(real, bytes, Buffer.from(outcome.text, 'utf8'), maxFileBytes);
  if (refused) return { fixes: [], remaining: outcome.before, error: refused };
  const module = notebookModuleOfText(outcome.text);
  return { fixes: outcome.fixes, remaining: module && typeof module !== 'string' ? notebookFindings(module, options) : [], error: null };
}

/** Writes `encoded` over the file atomically unless it no longer holds `bytes`; why not, or undefined. */
function writeUnlessChanged(real: string, bytes: Buffer, encoded: Buffer, maxFileBytes: number): string | undefined {
  try {
    writeFileAtomically(real, encoded, () => {
      const now = readSourceFile(real, maxFileBytes);
      if (typeof now === 'string' || !bytes.equals(Buffer.from(now))) throw new ReportFileError('not fixed: the file changed while docbits read it');
    });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function outsideRefusal(real: string, projectRoot: string): string | undefined {
  let root: string;
  try {
    root = fs.realpathSync(projectRoot);
  } catch {
    root = path.resolve(projectRoot);
  }
  const relative = path.relative(root, real);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return undefined;
  return `not fixed: it leads outside the project (${real})`;
}

/** The text in the file's encoding, or why it cannot be. */
function encodeLike(text: string, original: Buffer, encoding: string): Buffer | string {
  const bom = original.length >= 3 && original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  let out: Buffer;
  if (encoding === 'utf-8') out = Buffer.concat([bom ? original.subarray(0, 3) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  else if (encoding === 'latin-1' || encoding === 'ascii') {
    const limit = encoding === 'ascii' ? 0x80 : 0x100;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= limit) return `the new text does not fit its ${encoding} encoding`;
    out = Buffer.from(text, 'latin1');
  } else return `docbits writes UTF-8, ASCII and Latin-1 files only (this one is ${encoding})`;
  const back = decodePython(out);
  return back.ok && back.text === text ? out : 'the new text does not read back the same';
}
