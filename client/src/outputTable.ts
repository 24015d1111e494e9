/**
 * The coverage table as the output channel gets it (`docbits.report.outputTable`), after every report run the
 * client shows, quiet refreshes too. An output channel draws what it is given on the UI thread: the stdlib's
 * -vv table (77,318 lines, 11.5 MB) stalled the window for ~3 s, so at most `MAX_TABLE_LINES` lines are written
 * and the rest is counted; "Show Coverage Table" opens the whole table in an editor.
 */

/** The -v table of the stdlib (1,790 files) fits whole; a -vv table is cut after about this much. */
export const MAX_TABLE_LINES = 5_000;

/**
 * The first `maxLines` lines of `table` (ending with a newline), and a last line saying how many are left out.
 * Reads only as far as it writes, and counts the rest with indexOf: no split of an 11 MB string.
 */
export function boundedTable(table: string, maxLines = MAX_TABLE_LINES): string {
  let end = 0;
  for (let lines = 0; lines < maxLines; lines++) {
    const next = table.indexOf('\n', end);
    if (next < 0) return table.endsWith('\n') || table === '' ? table : `${table}\n`;
    end = next + 1;
  }
  if (end >= table.length) return table;
  let rest = 0;
  for (let at = end; at < table.length; rest++) {
    const next = table.indexOf('\n', at);
    at = next < 0 ? table.length : next + 1;
  }
  return `${table.slice(0, end)}… ${rest.toLocaleString('en-US')} more line${rest === 1 ? '' : 's'}: "Docbits: Show Coverage Table" opens the whole table.\n`;
}
