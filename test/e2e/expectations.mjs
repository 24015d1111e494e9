// What the e2e expects to see for sample/ (see `node dist/cli.js -vv sample`): its [tool.interrogate] ignores
// __init__ and magic methods, Flags.flip carries `# nodocqa`, and these six definitions have no docstring.
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

// Workspace: 12 of 18 -> 66.7%, fail-under 60.
export const SUMMARY = {
  command: 'Docbits: Show Workspace Docstring Coverage',
  notification: 'Docstring coverage 66.7% (12 of 18)',
  view: 'Docstring Coverage',
  expand: 'shapes/flags.py',
  treeRows: ['shapes/flags.py', 'geometry.py', '57.1% · 3 missing', 'Flags.clear', 'Flags.lowest', 'is_power_of_two'],
};

export const QUICK_FIX = {
  goto: '21:9',                      // the name of `def clear(self, k):`
  defLine: 'def clear(self, k):',
  action: 'Add docstring to Flags.clear',
  qualname: 'Flags.clear',
  statusAfter: '71%',                // 5 of 7
};
