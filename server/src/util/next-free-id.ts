/**
 * The next free `<prefix><number>` after the highest such id in use, its number zero-padded to
 * `width` digits (D035 after D034; st-001 when there is none); ids of another shape (st-danghu)
 * are passed over. Read in the transaction that inserts the new row.
 */
export function nextFreeId(prefix: string, width: number, ids: readonly string[]): string {
  const taken = new Set(ids);
  const numbers = ids
    .filter((id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)))
    .map((id) => Number(id.slice(prefix.length)));
  let n = Math.max(0, ...numbers) + 1;
  const id = (k: number) => `${prefix}${String(k).padStart(width, '0')}`;
  while (taken.has(id(n))) n++;
  return id(n);
}
