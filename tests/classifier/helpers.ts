import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data relative to the repository root (read in place, never copied) */
export const DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const HAS_DATA = existsSync(`${DATA_DIR}messages-labelled.jsonl`);
export const MODEL_FILE = fileURLToPath(new URL('../../server/model/classifier.json', import.meta.url));

export function fixture<T>(name: string): T[] {
  return readFileSync(fileURLToPath(new URL(`../fixtures/classifier/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
