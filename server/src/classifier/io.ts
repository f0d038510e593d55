/**
 * The only module of the classifier that touches the file system (and
 * SQLite): reading the data set, reading staff corrections, loading and
 * saving the model file (atomically).
 */
import { readFileSync, writeFileSync, renameSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawRow } from './dataset.js';

/** server/model/classifier.json, resolved from this file */
export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../model/classifier.json', import.meta.url));
/** ../shared/data relative to the repository root */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function readLabelledRows(dataDir: string = DEFAULT_DATA_DIR): RawRow[] {
  return readJsonl<RawRow>(join(dataDir, 'messages-labelled.jsonl'));
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** write to a temporary file in the same directory, then rename over the target */
export function writeFileAtomic(file: string, data: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export { existsSync };
