import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@minqing/shared';
import { DEMO_WARNING } from '../../server/src/env.js';
import { startServerProcess } from '../../scripts/lib/server-process.js';
import { decodeQrSvg } from '../helpers/qr.js';
import { IDP_ENV, UNSET_ENV } from '../helpers/production-env.js';

const UNSET = UNSET_ENV;

function startServer(dbFile: string) {
  return startServerProcess({ ...UNSET, DB_FILE: dbFile, DEMO_MODE: '1' });
}

/** How a start that must fail fails: its exit and what it printed. */
async function refusal(start: Promise<unknown>): Promise<string> {
  const err = await start.then(
    () => {
      throw new Error('expected the server to refuse to start, but it listens');
    },
    (e: Error) => e,
  );
  return err.message;
}

const dir = mkdtempSync(join(tmpdir(), 'mq-proc-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the real server process', () => {
  it('should start through npm start (scripts/start.ts) in demo mode with nothing set, warn on stderr, seed, and sign every kind of user in over HTTP through the stand-in provider', async () => {
    const server = await startServerProcess({ ...UNSET, DB_FILE: join(dir, 'demo.db') }, 90_000, 'scripts/start.ts');
    running.push(server.proc);
    const { baseUrl } = server;
    // the warning, in both languages, on stderr
    for (const line of DEMO_WARNING.split('\n')) expect(server.printed().stderr).toContain(line);
    expect(server.printed().stdout).not.toContain('WARNING');
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
    const authed = createApiClient(axios.create({ baseURL: baseUrl, headers: { Authorization: `Bearer ${leader.token}` } }), {
      validate: true,
    });
    expect((await authed.me()).role).toBe('leader');
    const overview = await authed.stats.overview({ from: '2025-01-01' });
    expect(overview.received).toBeGreaterThanOrEqual(300);

    // the apps are served too, each page marked as a demo
    for (const path of ['/citizen/d/D001', '/deputy/']) {
      const page = await axios.get<string>(`${baseUrl}${path}`);
      expect(page.data).toMatch(/<div class="demo-ribbon"[^>]*>演示环境<\/div>/);
    }

    // without PUBLIC_BASE_URL a demo's QR code points at the server itself (HOST and PORT as configured),
    // whatever Host the request names: a Host header is the caller's to forge
    for (const headers of [
      {},
      { Host: 'evil.example.com' },
      { Host: `192.168.1.20:${server.port}`, 'X-Forwarded-Host': 'evil.example.com' },
    ]) {
      const qr = await axios.get<string>(`${baseUrl}/api/deputies/D001/qrcode.svg`, { headers, responseType: 'text' });
      expect(qr.headers['x-qr-target']).toBe(`${baseUrl}/citizen/d/D001`);
      expect(await decodeQrSvg(qr.data)).toBe(`${baseUrl}/citizen/d/D001`);
    }
  });

  it('should refuse to start outside demo mode without TOKEN_SECRET, AUDIT_SECRET and PUBLIC_BASE_URL, saying why in Chinese and English, and so should npm start under NODE_ENV=production', async () => {
    // the production start (npm run start:prod: the built server under plain node)
    const bare = await refusal(
      startServerProcess({ ...UNSET, DB_FILE: join(dir, 'refused.db'), NODE_ENV: 'development' }, 30_000, 'server/dist/main.js'),
    );
    expect(bare).toMatch(/server exited \(1\)/);
    expect(bare).toContain('未开启演示模式');
    expect(bare).toContain('Demo mode is off');
    expect(bare).toMatch(/TOKEN_SECRET[\s\S]*AUDIT_SECRET[\s\S]*PUBLIC_BASE_URL/);
    // each missing setting on a line of its own
    for (const name of ['TOKEN_SECRET', 'AUDIT_SECRET', 'PUBLIC_BASE_URL', ...Object.keys(IDP_ENV)])
      expect(bare).toMatch(new RegExp(`^  - ${name}：`, 'm'));
    expect(bare).not.toMatch(/\n\s+at /); // a message for the operator, not a stack trace

    const noBase = await refusal(
      startServerProcess(
        {
          ...UNSET,
          DB_FILE: join(dir, 'refused.db'),
          TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters',
          AUDIT_SECRET: 'an-audit-secret-of-at-least-32-characters',
        },
        30_000,
      ),
    );
    expect(noBase).toContain('PUBLIC_BASE_URL');
    expect(noBase).not.toMatch(/TOKEN_SECRET|AUDIT_SECRET/);

    // how production was started before DEMO_MODE: still no stand-in provider
    const production = await refusal(
      startServerProcess({ ...UNSET, DB_FILE: join(dir, 'refused.db'), NODE_ENV: 'production' }, 60_000, 'scripts/start.ts'),
    );
    expect(production).toContain('未开启演示模式');
  });

  it('should serve no stand-in provider, no ribbon and no warning when demo mode is not asked for, and point QR codes at PUBLIC_BASE_URL whatever Host is sent', async () => {
    // the production start (npm run start:prod): the built server under plain node, no tsx
    const server = await startServerProcess(
      {
        ...UNSET,
        DB_FILE: join(dir, 'production.db'),
        NODE_ENV: 'development',
        TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters',
        AUDIT_SECRET: 'an-audit-secret-of-at-least-32-characters',
        PUBLIC_BASE_URL: 'https://minqing.example.gov.cn',
        ...IDP_ENV,
      },
      90_000,
      'server/dist/main.js',
    );
    running.push(server.proc);
    const { baseUrl } = server;
    expect(server.printed().stderr).not.toContain('WARNING');
    const get = (path: string, headers: Record<string, string> = {}) =>
      axios.get<string>(`${baseUrl}${path}`, { headers, responseType: 'text', validateStatus: () => true });
    for (const path of ['/mock-idp/accounts', '/mock-idp/messages']) expect((await get(path)).status).toBe(404);
    expect((await axios.post(`${baseUrl}/mock-idp/tickets`, { account: 'ding-admin' }, { validateStatus: () => true })).status).toBe(404);
    const page = await get('/citizen/');
    expect(page.status).toBe(200);
    expect(page.data).not.toContain('demo-ribbon');

    const qr = await get('/api/deputies/D001/qrcode.svg', { Host: 'evil.example.com' });
    expect(qr.status).toBe(200);
    expect(qr.headers['x-qr-target']).toBe('https://minqing.example.gov.cn/citizen/d/D001');
    expect(await decodeQrSvg(qr.data)).toBe('https://minqing.example.gov.cn/citizen/d/D001');
  });

  it('should keep accepted cases across a hard kill and restart', async () => {
    const file = join(dir, 'restart.db');
    const first = await startServer(file);
    running.push(first.proc);
    const anon = createApiClient(axios.create({ baseURL: first.baseUrl }));
    const { ticket } = await anon.mockIdp.ticket('zlb-li');
    const { token } = await anon.auth.citizen(ticket!);
    const citizen = createApiClient(axios.create({ baseURL: first.baseUrl, headers: { Authorization: `Bearer ${token}` } }));
    const created = await citizen.cases.create(
      { deputyCode: 'D003', body: '曹桥街道百寿村村口的桥栏杆断了，存在安全隐患。' },
      'restart-key-0001',
    );
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await startServer(file);
    running.push(second.proc);
    const again = createApiClient(axios.create({ baseURL: second.baseUrl, headers: { Authorization: `Bearer ${token}` } }));
    const found = await again.cases.get(created.id);
    expect(found.trackingNo).toBe(created.trackingNo);
    // the same key after the restart is still the same case
    expect(
      (await again.cases.create({ deputyCode: 'D003', body: '曹桥街道百寿村村口的桥栏杆断了，存在安全隐患。' }, 'restart-key-0001')).id,
    ).toBe(created.id);
  });
});
