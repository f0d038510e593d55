/**
 * Work notices and citizen messages (issue 4, "Notifications"): the server's outbox worker
 * delivers every step's notice to the stand-in provider (/mock-idp/messages) exactly once,
 * also when the server process is SIGKILLed while the outbox is part-way through delivering
 * and then restarted on the same database. Runs its own server process so it can kill it.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TEST_ENV, startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.js';
import { signInAs } from './helpers/api.js';
import { eventually, idpMessages } from './helpers/staff.js';

const CASES = 60; // 60 new-case notices to the deputy + 60 messages to the citizen: three outbox passes of ≤50
let dir: string;
let dbFile: string;
let server: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minqing-deputy-notices-'));
  cpSync(inject('seededDatabase'), dir, { recursive: true }); // a seeded database (tests/global-setup.ts)
  dbFile = join(dir, 'minqing.db');
  server = await startServerProcess({ ...DEMO_TEST_ENV, DB_FILE: dbFile });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('notifications: the outbox to the stand-in provider', () => {
  it('should deliver every notice exactly once when the server is SIGKILLed mid-delivery and restarted', async () => {
    const base = server.baseUrl;
    const citizen = await signInAs(base, 'zlb-zhou');
    const deputy = await signInAs(base, 'ding-d003');
    // All at once, so the 120 notices queue within one tick of the outbox worker (every 2 s).
    const tracking = await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const created = await citizen.cases.create(
          {
            deputyCode: 'D003',
            body: `曹桥街道百寿村第${i + 1}组的村道路面破损，雨天积水，电动车经过容易滑倒，请修补。`,
            contactPhone: '13857310005',
          },
          randomUUID(),
        );
        await deputy.cases.transition(created.id, { action: 'acknowledge' });
        return created.trackingNo;
      }),
    );
    // the two phones the notices go to: the deputy's work notices and the citizen's messages
    const inboxes = (base: string) => idpMessages(base, ['ding-d003', 'zlb-zhou']);
    const ours = (items: Awaited<ReturnType<typeof idpMessages>>) =>
      items.filter((m) => tracking.some((no) => m.title.startsWith(`民情件 ${no}：`)));
    const expected = CASES * 2;

    // Watch the stand-in's inbox; kill the server as soon as some, not all, have arrived.
    let atKill = 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      atKill = ours(await inboxes(base)).length;
      if (atKill > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await server.kill();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(expected); // the kill landed part-way through delivery

    // Restart on the same database: the outbox picks up where it stopped.
    server = await startServerProcess({ ...DEMO_TEST_ENV, DB_FILE: dbFile });
    const after = server.baseUrl;
    await eventually(async () => ours(await inboxes(after)).length, { timeout: 30_000, interval: 500 }).toBe(expected);
    // …and stays there: nothing delivered twice on a later pass
    await new Promise((r) => setTimeout(r, 2500));
    const got = ours(await inboxes(after));
    expect(got).toHaveLength(expected);
    for (const no of tracking) {
      const forCase = got.filter((m) => m.title.startsWith(`民情件 ${no}：`));
      expect(forCase.map((m) => `${m.channel} ${m.recipient} ${m.title.slice(-3)}`).sort()).toEqual([
        'ding ding-d003 待受理',
        'zlb zlb-zhou 已受理',
      ]);
    }
    const all = await inboxes(after);
    expect(new Set(all.map((m) => m.msgKey)).size).toBe(all.length);
    console.log(`notices: ${atKill}/${expected} delivered when the server was killed; ${got.length} after restart, each once`);
  }, 90_000);
});
