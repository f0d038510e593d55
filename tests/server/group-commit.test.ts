import { describe, expect } from 'vitest';
import { groupCommitter } from '../../server/src/db/group-commit.js';
import { openDatabase } from '../../server/src/db/open.js';
import { apiError, newKey, validCase } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

describe('group commit', () => {
  it('should commit concurrent writes together and roll back only the one that failed', async () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE) STRICT');
    const writes = groupCommitter(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([1, 2, 2, 3].map((v) => writes.run(() => insert.run(v).changes)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
    db.close();
  });

  it('should accept 60 simultaneous submissions as 60 cases with 60 tracking numbers, and refuse a bad one among them', async ({
    s,
    citizen,
  }) => {
    const good = Array.from({ length: 60 }, () => citizen.cases.create(validCase(), newKey()));
    const bad = apiError(citizen.cases.create(validCase({ deputyCode: 'D999' }), newKey()));
    const created = await Promise.all(good);
    expect((await bad).status).toBe(400);
    expect(new Set(created.map((c) => c.trackingNo)).size).toBe(60);
    const n = (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect(n).toBe(60);
  });
});
