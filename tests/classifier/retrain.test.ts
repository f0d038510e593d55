import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  trainFromSources,
  loadClassifier,
  readCorrections,
  ReloadingClassifier,
  CORRECTION_WEIGHT,
  type CategoryLabel,
} from '../../server/src/classifier/index.js';
import { DATA_DIR, HAS_DATA } from './helpers.js';

const TEXT = '小区里的电动车充电桩老是跳闸，晚上没法充电';
const PARAPHRASE = '我们小区电动车充电桩经常跳闸，一到晚上就充不了电';
// a subset of the data and no calibration folds keep this test fast
const FAST = { limit: 1500, options: { folds: 0 } };

function makeDb(file: string, rows: [string, string, string, string][]): void {
  const db = new Database(file);
  db.exec('CREATE TABLE classifier_corrections (id INTEGER PRIMARY KEY, case_id TEXT, text TEXT, label TEXT, created_at TEXT)');
  const ins = db.prepare('INSERT INTO classifier_corrections (case_id, text, label, created_at) VALUES (?, ?, ?, ?)');
  for (const r of rows) ins.run(...r);
  db.close();
}

describe.skipIf(!HAS_DATA)('learning from staff corrections', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clf-retrain-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should read the latest valid correction per case, and nothing from a missing file or table', () => {
    const db = join(dir, 'read.db');
    makeDb(db, [
      ['case-1', TEXT, '城乡建设', '2025-01-01 10:00:00'],
      ['case-1', TEXT, '商贸旅游', '2025-01-02 10:00:00'],
      ['case-2', '别的事', '不存在的类别', '2025-01-02 10:00:00'],
    ]);
    expect(readCorrections(db)).toEqual([{ text: TEXT, label: '商贸旅游' }]);
    expect(readCorrections(join(dir, 'missing.db'))).toEqual([]);
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    expect(readCorrections(empty)).toEqual([]);
  });

  it('should change the prediction after retraining with a correction, and reload it without a restart', () => {
    const out = join(dir, 'classifier.json');
    const before = trainFromSources({ dataDir: DATA_DIR, dbFile: join(dir, 'none.db'), outFile: out, ...FAST });
    expect(before.corrections).toBe(0);
    const clfBefore = loadClassifier(out);
    const s0 = clfBefore.suggest(TEXT);
    const predicted = s0.categories[0]!.label;
    // staff disagree: they assign the runner-up category
    const corrected: CategoryLabel = s0.categories[1]!.label;
    const p0 = clfBefore.probabilities(PARAPHRASE);

    const serverCopy = join(dir, 'served.json');
    copyFileSync(out, serverCopy);
    const served = new ReloadingClassifier(serverCopy, 0);
    expect(served.suggest(TEXT).categories[0]!.label).toBe(predicted);

    const db = join(dir, 'minqing.db');
    makeDb(db, [['case-9', TEXT, corrected, '2025-03-01 09:00:00']]);
    const after = trainFromSources({ dataDir: DATA_DIR, dbFile: db, outFile: out, ...FAST });
    expect(after.corrections).toBe(1);
    expect(after.version).not.toBe(before.version);
    const clfAfter = loadClassifier(out);
    expect(clfAfter.suggest(TEXT).categories[0]!.label).toBe(corrected);
    expect(clfAfter.model.train.corrections).toBe(1);
    expect(CORRECTION_WEIGHT).toBeGreaterThan(1);
    // a paraphrase moves towards the corrected category too
    const idx = clfAfter.model.labels.indexOf(corrected);
    expect(clfAfter.probabilities(PARAPHRASE)[idx]!).toBeGreaterThan(p0[idx]!);

    // the model was written atomically (no temporary file left behind) …
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // … and a running server picks it up when the file changes
    copyFileSync(out, serverCopy);
    expect(served.maybeReload(true)).toBe(true);
    expect(served.version).toBe(after.version);
    expect(served.suggest(TEXT).categories[0]!.label).toBe(corrected);
  }, 180_000); // two full trainings: minutes on a busy 2-core machine
});
