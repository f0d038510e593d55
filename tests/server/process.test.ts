import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@minqing/shared';
import { startServerProcess } from '../../scripts/lib/server-process.js';

function startServer(dbFile: string) {
  return startServerProcess({ DB_FILE: dbFile, NODE_ENV: 'development' });
}

const dir = mkdtempSync(join(tmpdir(), 'mq-proc-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the real server process', () => {
  it('should start on a new database, seed it, and sign every kind of user in over HTTP through the stand-in provider', async () => {
    const { proc, baseUrl } = await startServer(join(dir, 'demo.db'));
    running.push(proc);
    const api = createApiClient(axios.create({ baseURL: baseUrl }), { validate: true });
    expect(await api.health()).toMatchObject({ ok: true });

    const accounts = await api.mockIdp.accounts();
    for (const role of ['citizen', 'deputy', 'office', 'unit', 'leader', 'admin'] as const) {
      expect(accounts.some((a) => a.role === role)).toBe(true);
    }
    const { ticket } = await api.mockIdp.ticket('zlb-zhang');
    const citizen = await api.auth.citizen(ticket!);
    expect(citizen.user).toMatchObject({ role: 'citizen', name: '张建华' });
    const { authCode } = await api.mockIdp.ticket('ding-leader');
    const leader = await api.auth.staff(authCode!);
    expect(leader.user.role).toBe('leader');
    const authed = createApiClient(axios.create({ baseURL: baseUrl, headers: { Authorization: `Bearer ${leader.token}` } }), { validate: true });
    expect((await authed.me()).role).toBe('leader');
    const overview = await authed.stats.overview({ from: '2025-01-01' });
    expect(overview.received).toBeGreaterThanOrEqual(300);

    // the apps are served too
    const page = await axios.get(`${baseUrl}/citizen/d/D001`, { validateStatus: () => true });
    expect([200, 503]).toContain(page.status);

    // without PUBLIC_BASE_URL a deputy's QR code points where the server was reached, port included
    const qr = await axios.get(`${baseUrl}/api/deputies/D001/qrcode.svg`);
    expect(qr.headers['x-qr-target']).toBe(`${baseUrl}/citizen/d/D001`);
    const onLan = await axios.get(`${baseUrl}/api/deputies/D001/qrcode.svg`, { headers: { Host: `192.168.1.20:${new URL(baseUrl).port}` } });
    expect(onLan.headers['x-qr-target']).toBe(`http://192.168.1.20:${new URL(baseUrl).port}/citizen/d/D001`);
  });

  it('should keep accepted cases across a hard kill and restart', async () => {
    const file = join(dir, 'restart.db');
    const first = await startServer(file);
    running.push(first.proc);
    const anon = createApiClient(axios.create({ baseURL: first.baseUrl }));
    const { ticket } = await anon.mockIdp.ticket('zlb-li');
    const { token } = await anon.auth.citizen(ticket!);
    const citizen = createApiClient(axios.create({ baseURL: first.baseUrl, headers: { Authorization: `Bearer ${token}` } }));
    const created = await citizen.cases.create({ deputyCode: 'D003', body: '曹桥街道百寿村村口的桥栏杆断了，存在安全隐患。' }, 'restart-key-0001');
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await startServer(file);
    running.push(second.proc);
    const again = createApiClient(axios.create({ baseURL: second.baseUrl, headers: { Authorization: `Bearer ${token}` } }));
    const found = await again.cases.get(created.id);
    expect(found.trackingNo).toBe(created.trackingNo);
    // the same key after the restart is still the same case
    expect((await again.cases.create({ deputyCode: 'D003', body: '曹桥街道百寿村村口的桥栏杆断了，存在安全隐患。' }, 'restart-key-0001')).id).toBe(created.id);
  });
});
