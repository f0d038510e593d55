import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../server/src/ops/backups.js';
import { restoreDatabase } from '../../scripts/restore.js';
import { newKey, startTestServer, validCase } from '../helpers/server.js';

describe('backup and restore', () => {
  it('should take an online backup under load and restore it to a server that serves the same cases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-backup-'));
    const live = await startTestServer({ dbFile: join(dir, 'live.db') });
    const citizen = await live.as('zlb-zhang');
    for (let i = 0; i < 20; i++) await citizen.cases.create(validCase(), newKey());

    // keep submitting while the backup runs
    let load = true;
    const writer = (async () => {
      let n = 0;
      while (load) {
        await Promise.all(Array.from({ length: 5 }, () => citizen.cases.create(validCase(), newKey())));
        n += 5;
      }
      return n;
    })();
    const { pages } = await backupDatabase(join(dir, 'live.db'), join(dir, 'backup.db'));
    load = false;
    const writtenDuring = await writer;
    expect(pages).toBeGreaterThan(0);
    expect(writtenDuring).toBeGreaterThan(0);

    const { cases, keptAside } = restoreDatabase(join(dir, 'backup.db'), join(dir, 'restored.db'));
    expect(keptAside).toBeNull();
    expect(cases).toBeGreaterThanOrEqual(20);

    const restored = await startTestServer({ dbFile: join(dir, 'restored.db') });
    const again = await restored.as('zlb-zhang');
    const backedUp = await again.cases.list({ pageSize: 100 });
    expect(backedUp.total).toBe(cases);
    // each restored case is the same case the live server serves
    for (const item of backedUp.items.slice(0, 10)) {
      const before = await citizen.cases.get(item.id);
      const after = await again.cases.get(item.id);
      expect(after.trackingNo).toBe(before.trackingNo);
      expect(after.body).toBe(before.body);
      expect(after.events.map((e) => e.action)).toEqual(before.events.map((e) => e.action));
    }
    await restored.close();
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
