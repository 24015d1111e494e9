/**
 * The first lines of a long text, and how many are left out: a workspace report's -vv table is 77,318 lines
 * (11.5 MB) on the stdlib, and a client that shows 5,000 of them should not be sent the rest
 * (`maxTextLines`, protocol.ts). Reads only as far as it keeps and counts the rest with indexOf: no split of
 * an 11 MB string. The VS Code client cuts with it too, a text a server sent whole (outputTable.ts).
 */

/** `text` cut after `maxLines` lines (each ending with a newline), and the count of lines left out. */
export function firstLines(text: string, maxLines: number): { text: string; leftOut: number } {
  let end = 0;
  for (let lines = 0; lines < maxLines; lines++) {
    const next = text.indexOf('\n', end);
    if (next < 0) return { text: text.endsWith('\n') || text === '' ? text : `${text}\n`, leftOut: 0 };
    end = next + 1;
  }
  if (end >= text.length) return { text, leftOut: 0 };
  let leftOut = 0;
  for (let at = end; at < text.length; leftOut++) {
    const next = text.indexOf('\n', at);
    at = next < 0 ? text.length : next + 1;
  }
  return { text: text.slice(0, end), leftOut };
}
