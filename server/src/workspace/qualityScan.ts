/**
 * The docstring-quality checks over files on disk (the CLI's `--check-docstrings`, the workspace report).
 * A scan asked for quality (scan.ts, `quality`) runs them in its workers on the parse it makes for coverage
 * (analyzeFile.ts): one read, one decode, one parse per file. The project's `[tool.pydoclint]` is read here,
 * from the config file the coverage loader found.
 */
import { checkDocstrings, QualityOptions } from '../docstrings/checks';
import type { Finding } from '../docstrings/checks';
import { notebookFindings } from '../docstrings/checks/notebook';
import { QualityOptionsResult, readPyprojectQualityOptions } from '../docstrings/checks/options';
import { isNotebookPath, notebookModuleOfBytes } from '../coverage/notebookCoverage';
import { decodePython } from '../python/decode';
import { lineStarts } from '../python/lines';
import { ModuleStructure, parseStructure } from '../python/structure';
import { readConfigText } from '../config/loader';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './analyzeFile';

export interface QualityResult {
  findings: Finding[];
  error: string | null;
}

/** One file read and checked on its own (`--diff` runs, whose scan reads only the changed definitions). */
export function checkDocstringsOfFile(file: string, options: QualityOptions, maxFileBytes = DEFAULT_MAX_FILE_BYTES): QualityResult {
  const read = readSourceFile(file, maxFileBytes);
  if (typeof read === 'string') return { findings: [], error: read };
  if (isNotebookPath(file)) return checkNotebook(read, options);
  const decoded = decodePython(read);
  if (!decoded.ok) return { findings: [], error: decoded.error };
  try {
    return { findings: findingsOf(decoded.text, parseStructure(decoded.text), options), error: null };
  } catch (err) {
    return { findings: [], error: `docstring checks failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A notebook's findings in its cells; one in another language (R, Julia) has none, as it has no coverage. */
function checkNotebook(bytes: Uint8Array, options: QualityOptions): QualityResult {
  const module = notebookModuleOfBytes(bytes);
  if (module === null) return { findings: [], error: null };
  if (typeof module === 'string') return { findings: [], error: module };
  try {
    return { findings: notebookFindings(module, options), error: null };
  } catch (err) {
    return { findings: [], error: `docstring checks failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function findingsOf(text: string, structure: ModuleStructure, options: QualityOptions): Finding[] {
  return checkDocstrings({ text, structure, lineStarts: lineStarts(text) }, options);
}

/** `[tool.pydoclint]` of the config file, when it is a pyproject.toml (read as the coverage loader reads it). */
export function loadQualityOptions(configPath: string | undefined): QualityOptionsResult {
  if (configPath === undefined || !configPath.endsWith('.toml')) return { options: {}, problems: [], found: false };
  const read = readConfigText(configPath);
  // The coverage loader reports a config file that cannot be read.
  return 'text' in read ? readPyprojectQualityOptions(read.text) : { options: {}, problems: [], found: false };
}
