/**
 * Takes personal numbers and credentials out of free text before it is logged: mainland mobile
 * numbers keep their first three and last four digits (as the apps show them), resident ID numbers
 * their region and last four, and bearer tokens, tickets, codes and passwords in URLs or text go.
 */
const RULES: [RegExp, (m: string, ...groups: string[]) => string][] = [
  [
    /(?<!\d)(\d{6})(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g,
    (m) => `${m.slice(0, 6)}********${m.slice(-4)}`,
  ],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`],
  [/\b(Bearer)\s+[\w.~+/=-]+/gi, (_m, word) => `${word} [已隐藏]`],
  [/\b(ticket|token|code|authCode|password|secret|k)=[^&\s#"']+/gi, (_m, key) => `${key}=[已隐藏]`],
  [/("(?:ticket|token|code|authCode|password|secret)"\s*:\s*)"[^"]*"/gi, (_m, head) => `${head}"[已隐藏]"`],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}
