/**
 * The coverage table as the output channel gets it (`docbits.report.outputTable`), after every report run the
 * client shows, quiet refreshes too. An output channel draws what it is given on the UI thread: the stdlib's
 * -vv table (77,318 lines, 11.5 MB) stalled the window for ~3 s, so the client asks for at most
 * `MAX_TABLE_LINES` lines (`maxTextLines`, protocol.ts: the server sends no more) and says how many are left
 * out; "Show Coverage Table" opens the whole table in an editor.
 */
import { firstLines } from '../../server/src/session/firstLines';

/** The -v table of the stdlib (1,790 files) fits whole; a -vv table is cut after about this much. */
export const MAX_TABLE_LINES = 5_000;

/**
 * The table of an answer to a request with `maxTextLines: maxLines` (ending with a newline), and a last line
 * saying how many lines are left out. A text longer than asked (a server without `maxTextLines`) is cut here.
 */
export function boundedTable(result: { text: string; textLinesLeftOut?: number }, maxLines = MAX_TABLE_LINES): string {
  const cut = firstLines(result.text, maxLines);
  const rest = cut.leftOut + (result.textLinesLeftOut ?? 0);
  if (rest === 0) return cut.text;
  return `${cut.text}… ${rest.toLocaleString('en-US')} more line${rest === 1 ? '' : 's'}: "Docbits: Show Coverage Table" opens the whole table.\n`;
}
