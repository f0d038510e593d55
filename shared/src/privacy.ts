/**
 * Personal information in what citizens write: masked in what is shown to people who may not
 * know who wrote it. Pure string functions, no lookbehind (older WebViews cannot parse it).
 */

/** 张三 → 张*; 欧阳娜娜 → 欧** (as the contact columns show a citizen). */
export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}

const D = '[0-9０-９]';
/**
 * Digit runs that identify a person, tried in this order at each place in the text:
 * 1 a mobile number (138 5731 9999 or 138-5731-9999 too), 2 a landline with its area code
 * (0573-85123456, (0573)85123456), 3 an 18-digit ID-card number, 4 a card number written in
 * groups of four, 5 any other run of 8 or more digits (15-digit ID cards, bank cards, local
 * landlines, QQ numbers). Shorter runs (house numbers, amounts, dates) are left alone.
 */
const PII_RUN = new RegExp(
  [
    `([1１][3-9３-９]${D}(?:[- ]?${D}{4}){2}(?!${D}))`,
    `((?:\\(0${D}{2,3}\\)|0${D}{2,3})[- ]?${D}{7,8}(?!${D}))`,
    `(${D}{17}[0-9０-９XxＸｘ](?!${D}))`,
    `(${D}{4}(?:[- ]${D}{4}){2,4}(?:[- ]${D}{1,3})?(?!${D}))`,
    `(${D}{8,}[XxＸｘ]?)`,
  ].join('|'),
  'g',
);
const DIGIT = /[0-9０-９XxＸｘ]/;
const ASCII_LETTER = /[A-Za-z]/;

/** Every digit but the first `keepStart` and the last `keepEnd` becomes *, separators stay. */
function starDigits(run: string, keepStart: number, keepEnd: number): string {
  const total = [...run].filter((ch) => DIGIT.test(ch)).length;
  let i = 0;
  return run.replace(/[0-9０-９XxＸｘ]/g, (ch) => {
    const n = i++;
    return n < keepStart || n >= total - keepEnd ? ch : '*';
  });
}

/**
 * Introductions ("我叫陈美玲", "姓名：王芳", "联系人：李明") followed by a name: the name is
 * masked as a contact column would show it. Best effort for names the case does not know
 * (names the case knows are passed in and masked wherever they appear).
 */
const INTRODUCED_NAME = /(我叫|我的名字[叫是]|姓名[:：是为]|联系人[:：])\s*([\u4e00-\u9fff]{2,3})/g;
/** Words after 我叫 that are not a name (我叫了救护车, 我叫过物业). */
const NOT_A_NAME_START = /^[了过着来去他她它你人车]/;

/**
 * `text` with personal information masked: mobile numbers as 138****9999 (as the contact
 * column shows them), landlines, ID-card and bank-card numbers and other runs of 8 or more
 * digits with every digit but the last two masked, each of `names` (the case's contact, the
 * submitter) as 陈** wherever it appears, and a name introduced with 我叫/姓名 likewise.
 * A run glued to Latin letters (a tracking number such as PH20260302-0001) is a code, not
 * a person's number, unless it is shaped like a phone or an ID-card number.
 */
export function maskPersonalInfo(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(PII_RUN, (run: string, mobile?: string, landline?: string, idCard?: string, ...rest: unknown[]) => {
    const offset = rest[rest.length - 2] as number;
    if (!mobile && !landline && !idCard && offset > 0 && ASCII_LETTER.test(text[offset - 1]!)) return run;
    return mobile ? starDigits(run, 3, 4) : starDigits(run, 0, 2);
  });
  for (const raw of names) {
    const name = raw?.trim();
    // a one-character "name" would mask that character everywhere
    if (name && [...name].length >= 2) out = out.split(name).join(maskName(name));
  }
  return out.replace(INTRODUCED_NAME, (whole, intro: string, name: string) =>
    NOT_A_NAME_START.test(name) ? whole : `${intro}${maskName(name)}`,
  );
}

/** Characters that end a sentence or a clause; a derived title is cut after one of them. */
const BOUNDARY = new Set(['。', '！', '？', '；', '，', '：', '…', '\n', '!', '?', ';', ',', '.', ':']);
/** ASCII . , : between two digits (3.5米, 1,200元, 8:30) are not a boundary. */
const ASCII_IN_NUMBERS = new Set(['.', ',', ':']);

/** How long a title made from the body may be, in characters. */
export const DERIVED_TITLE_MAX = 20;

/**
 * The title of a case whose citizen gave none: the body's personal information masked (see
 * maskPersonalInfo), then as many whole sentences or clauses as fit in `max` characters, cut
 * at the punctuation (never inside a word); a first clause longer than that is cut at the
 * limit and ends with "…".
 */
export function deriveTitle(body: string, names: readonly (string | null | undefined)[] = [], max = DERIVED_TITLE_MAX): string {
  const text = maskPersonalInfo(
    body
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n[\s]*/g, '\n')
      .trim(),
    names,
  );
  // by code point, so an emoji is never cut in half
  const chars = [...text];
  const isBoundary = (i: number) => {
    const ch = chars[i]!;
    if (!BOUNDARY.has(ch)) return false;
    return !(ASCII_IN_NUMBERS.has(ch) && /\d/.test(chars[i - 1] ?? '') && /\d/.test(chars[i + 1] ?? ''));
  };
  let cut = -1;
  if (chars.length <= max && !chars.includes('\n')) cut = chars.length;
  else {
    // the last boundary within the limit; the end of the first line ends the title at once
    for (let i = 1; i <= Math.min(max, chars.length - 1); i++) {
      if (chars[i] === '\n') {
        cut = i;
        break;
      }
      if (isBoundary(i)) cut = i;
    }
  }
  // a title does not end with a comma or a full stop (！ and ？ say something, they stay)
  const title =
    cut > 0
      ? chars
          .slice(0, cut)
          .join('')
          .replace(/[\s。；，：、,.;:]+$/, '')
      : '';
  return title || `${chars.slice(0, max).join('').trimEnd()}${chars.length > max ? '…' : ''}`;
}
