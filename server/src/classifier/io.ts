/**
 * The only module of the classifier that touches the file system (and
 * SQLite): reading the data set and staff corrections, loading and saving
 * the model file (atomically: temporary file, then rename), and a
 * classifier handle that reloads the model when the file changes.
 */
import { readFileSync, writeFileSync, renameSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { prepareExamples, type RawRow } from './dataset.js';
import { LinearClassifier, trainModel, type SerializedModel, type TrainOptions } from './model.js';
import { setSimilarityIdf } from './similarity.js';
import { DATA_DIR, MODEL_FILE } from '../paths.js';
import { isCategoryLabel, type Classifier, type Correction, type LabelledText, type Suggestion } from './types.js';

/** server/model/classifier.json */
export const DEFAULT_MODEL_FILE = MODEL_FILE;
/** ../shared/data beside the checkout */
export const DEFAULT_DATA_DIR = DATA_DIR;
/** weight of one staff correction relative to one data-set message */
export const CORRECTION_WEIGHT = 3;

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function readLabelledRows(dataDir: string = DEFAULT_DATA_DIR): RawRow[] {
  return readJsonl<RawRow>(join(dataDir, 'messages-labelled.jsonl'));
}

/** write to a temporary file in the same directory, then rename over the target */
export function writeFileAtomic(file: string, data: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function saveModel(model: SerializedModel, file: string = DEFAULT_MODEL_FILE): void {
  writeFileAtomic(file, JSON.stringify(model));
}

export function readModel(file: string = DEFAULT_MODEL_FILE): SerializedModel {
  return JSON.parse(readFileSync(file, 'utf8')) as SerializedModel;
}

/**
 * Load the shipped (or given) model file. Also installs the model's IDF for
 * duplicate detection (similarity / rankSimilar).
 */
export function loadClassifier(file: string = DEFAULT_MODEL_FILE): LinearClassifier {
  const clf = new LinearClassifier(readModel(file));
  setSimilarityIdf(clf.idfTable);
  return clf;
}

/**
 * A classifier that re-reads the model file when its mtime changes (checked
 * at most every `checkEveryMs`), so `npm run train` takes effect without a
 * server restart. A broken file keeps the previous model.
 */
export class ReloadingClassifier implements Classifier {
  private current: LinearClassifier;
  private mtimeMs: number;
  private lastCheck = 0;

  constructor(
    readonly file: string = DEFAULT_MODEL_FILE,
    private readonly checkEveryMs = 5000,
  ) {
    this.mtimeMs = statSync(file).mtimeMs;
    this.current = loadClassifier(file);
    this.lastCheck = Date.now();
  }

  get version(): string {
    this.maybeReload();
    return this.current.version;
  }

  /** reload now if the file changed; returns true when a new model was loaded */
  maybeReload(force = false): boolean {
    const now = Date.now();
    if (!force && now - this.lastCheck < this.checkEveryMs) return false;
    this.lastCheck = now;
    try {
      const m = statSync(this.file).mtimeMs;
      if (!force && m === this.mtimeMs) return false;
      const next = loadClassifier(this.file);
      this.current = next;
      this.mtimeMs = m;
      return true;
    } catch {
      return false;
    }
  }

  suggest(text: string): Suggestion {
    this.maybeReload();
    return this.current.suggest(text);
  }
}

/**
 * Staff corrections from the server's SQLite file (table
 * classifier_corrections), latest per case; [] when the file or the table
 * does not exist.
 */
export function readCorrections(dbFile: string): Correction[] {
  if (!existsSync(dbFile)) return [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'classifier_corrections'").get();
    if (!table) return [];
    const rows = db.prepare('SELECT id, case_id, text, label, created_at FROM classifier_corrections ORDER BY created_at, id').all() as {
      id: number;
      case_id: string | null;
      text: string;
      label: string;
      created_at: string;
    }[];
    const latest = new Map<string, Correction>();
    for (const r of rows) {
      if (!r.text || !isCategoryLabel(r.label)) continue;
      latest.set(r.case_id ?? `row:${r.id}`, { text: r.text, label: r.label });
    }
    return [...latest.values()];
  } finally {
    db.close();
  }
}

export interface TrainSources {
  dataDir?: string;
  dbFile?: string;
  outFile?: string;
  /** only for tests: train on a subset of the data set */
  limit?: number;
  options?: TrainOptions;
}

export interface TrainReport {
  outFile: string;
  version: string;
  dataRows: number;
  duplicatesRemoved: number;
  corrections: number;
  seconds: number;
  bytes: number;
}

/**
 * Train the model on the whole de-duplicated data set plus the staff
 * corrections (each weighted CORRECTION_WEIGHT) and write it atomically.
 */
export function trainFromSources(src: TrainSources = {}): TrainReport {
  const t0 = performance.now();
  const dataDir = src.dataDir ?? DEFAULT_DATA_DIR;
  const dbFile = src.dbFile ?? process.env.DB_FILE ?? 'data/minqing.db';
  const outFile = src.outFile ?? DEFAULT_MODEL_FILE;
  const prepared = prepareExamples(readLabelledRows(dataDir));
  let examples = prepared.kept;
  if (src.limit !== undefined) examples = examples.filter((_, i) => i % Math.ceil(examples.length / src.limit!) === 0);
  const corrections = readCorrections(dbFile);
  const rows: LabelledText[] = [
    ...examples.map((e) => ({ text: e.text, label: e.label })),
    ...corrections.map((c) => ({ ...c, weight: CORRECTION_WEIGHT })),
  ];
  const model = trainModel(rows, {
    ...src.options,
    meta: { data: 'messages-labelled.jsonl, all rows after de-duplication', corrections: corrections.length, ...src.options?.meta },
  });
  const json = JSON.stringify(model);
  writeFileAtomic(outFile, json);
  return {
    outFile,
    version: model.version,
    dataRows: examples.length,
    duplicatesRemoved: prepared.removed,
    corrections: corrections.length,
    seconds: (performance.now() - t0) / 1000,
    bytes: Buffer.byteLength(json),
  };
}
