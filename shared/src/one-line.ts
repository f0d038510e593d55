import type { z } from 'zod';

// a line break (CR, LF, NEL, the Unicode line and paragraph separators), a tab or a vertical
// tab or form feed, with the spaces around it
const LINE_BREAKS = /\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/g;

/**
 * One rule for every one-line field (a title, a name, an address, a place): text pasted from
 * a chat or a document keeps its words, its line breaks and tabs become one space.
 */
export const collapseLines = (s: string): string => s.replace(LINE_BREAKS, ' ');

/**
 * A one-line field's string schema: `oneLine(z.string({ error }))`, then its own trim, limits and
 * checks, which so see the collapsed text.
 */
export const oneLine = (schema: z.ZodString): z.ZodString => schema.overwrite(collapseLines);
