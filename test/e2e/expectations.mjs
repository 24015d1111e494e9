// What the e2e expects to see for sample/ (see `node dist/cli.js -vv sample`): its [tool.interrogate] ignores
// __init__ and magic methods, Flags.flip carries `# nodocqa`, and these six definitions have no docstring.
import * as fs from 'node:fs';

export const EXPECTED_MISSING = {
  'shapes/flags.py': [
    'Missing docstring in method Flags.clear',
    'Missing docstring in method Flags.lowest',
    'Missing docstring in function is_power_of_two',
  ],
  'shapes/geometry.py': [
    'Missing docstring in class Rectangle',
    'Missing docstring in method Rectangle.is_square',
    'Missing docstring in function area_of.one',
  ],
};
export const EXCUSED = ['Flags.flip'];
// flags.py lines that must (and must not) carry a squiggle.
export const SQUIGGLED_LINES = ['def clear(self, k):', 'def lowest(self):', 'def is_power_of_two(x):'];
export const CLEAN_LINES = ['def flip(self, k):', 'def set(self, k):', 'def has_flag(value, flag):', 'class Flags:'];

// `DEFAULT = ALL & ~SHADOW` with ALL = 0b1111, SHADOW = 0b0100: 15 & -5 = 11.
export const HOVER = {
  lineText: 'DEFAULT = ALL & ~SHADOW',
  operator: '&',
  mustContain: ['ALL & ~SHADOW = 11', '…0000 1111', '…1111 1011', '…0000 1011', '0xb', '0b1011'],
};

// flags.py: 4 of 7 covered (Flags.flip excused) -> 57%.
export const STATUS_BAR = { text: '57%', icon: 'book' };

// An excluded file (sample's [tool.interrogate] excludes build/), created by the e2e before the window opens.
export const NOT_MEASURED = {
  file: 'build/generated.py',
  text: 'def generated():\n    pass\n',
  status: 'not measured',
  tooltip: 'generated.py is not measured: excluded',
};

// Workspace: 12 of 18 -> 66.7%, fail-under 60. The view nests sample/ -> shapes/ -> files -> definitions.
export const SUMMARY = {
  command: 'Docbits: Show Workspace Docstring Coverage',
  notification: 'Docstring coverage 66.7% (12 of 18)',
  view: 'Docstring Coverage',
  folders: [['sample', '66.7% · 6 missing'], ['shapes', '66.7% · 6 missing']],
  expand: 'flags.py',
  treeRows: ['flags.py', 'geometry.py', '57.1% · 3 missing', 'Flags.clear', 'Flags.lowest', 'is_power_of_two'],
};

// "Docbits: Sort Coverage View…" -> Coverage: lowest first (flags 57.1%, geometry 70.0%, __init__ 100.0%).
export const SORT = {
  command: 'Docbits: Sort Coverage View',
  pick: 'Coverage',
  byPath: ['__init__.py', 'flags.py', 'geometry.py'],
  byCoverage: ['flags.py', 'geometry.py', '__init__.py'],
};

export const QUICK_FIX = {
  goto: '21:9',                      // the name of `def clear(self, k):`
  defLine: 'def clear(self, k):',
  action: 'Add docstring to Flags.clear',
  qualname: 'Flags.clear',
  statusAfter: '71%',                // 5 of 7
  summary: 'Summary of clear.',      // the snippet's first tab stop, selected after the fix
  viewAfter: '71.4% · 2 missing',    // flags.py's row once the view has caught up with the fix
};

// The cancel step: a larger copy scanned and cancelled from the progress toast (removed again before the
// workspace command's step). 3,000 modules of 400 classes: a few seconds of scanning, time enough to click.
export const CANCEL = {
  folder: 'big_copy',
  files: 3000,
  classes: 400,
  notification: 'Docbits: workspace coverage cancelled.',
};

// Docstring quality (issue 13): a project of its own under the sample (its pyproject.toml has [tool.pydoclint],
// so the checks are on there), written by the e2e at the end. A parameter typed into the signature gets
// DOC101 on it; the preferred quick fix on that squiggle updates the docstring; the diagnostic goes.
export const QUALITY = {
  file: 'quality/transfers.py',
  pyproject: '[tool.pydoclint]\nstyle = "google"\n',
  text: fs.readFileSync(new URL('../fixtures/docstrings/transfers.py', import.meta.url), 'utf8'), // as the LSP tests
  defLine: 'def fetch(url: str, retries: int = 3',
  typeAt: '4:37',                     // before `) -> bytes:`
  typed: ', timeout: float = 10.0',
  cursor: '4:41',                     // inside `timeout`
  message: 'Argument `timeout` is missing from the docstring of `fetch`',
  action: 'Update docstring to match signature (added timeout)',
  entry: 'timeout (float): Description of timeout. Defaults to 10.0.',
};

// "Source Action..." in geometry.py (3 undocumented definitions): VS Code resolves the action's edit when it is
// picked (codeAction/resolve), and every stub goes in at once. Last, as it documents geometry.py.
export const ADD_ALL = {
  file: 'shapes/geometry.py',
  command: 'Source Action...',
  action: 'Add docstrings to 3 undocumented definitions',
  qualnames: ['Rectangle', 'Rectangle.is_square', 'area_of.one'],
  goto: '28',                         // `class Rectangle:`: its stub goes under it
};
