/**
 * The raw ceilings the benchmark compares against, on the same machine in the same run:
 * a bare Hono JSON route, and a bare Hono POST that inserts one row per transaction with
 * synchronous=FULL (the durable-insert ceiling). `/api/json-headers/:bytes` answers the same
 * bytes under the app's own security headers: what those headers alone cost.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono, type Context } from 'hono';
import { securityHeaders } from '../../server/src/http/security-headers.js';

const db = new Database(process.env.BARE_DB ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL) STRICT');
const insert = db.prepare('INSERT INTO t (body, at) VALUES (?, ?)');

/** A JSON body of about `bytes` bytes, made once per size: the same bytes on the wire as a real answer, without its work. */
const sized = new Map<number, string>();
function jsonOfSize(bytes: number): string {
  let text = sized.get(bytes);
  if (!text) {
    const item = JSON.stringify({ id: 'd86624e4-b89a-4467-af0e-83628c9724f2', title: '林埭社区疫苗接种点在哪里', status: 'closed' });
    const items: string[] = [];
    while (items.join(',').length * 1.3 < bytes) items.push(item);
    text = JSON.stringify({ items: items.map((i) => JSON.parse(i) as unknown), total: items.length });
    while (Buffer.byteLength(text) > bytes && items.length > 1) {
      items.pop();
      text = JSON.stringify({ items: items.map((i) => JSON.parse(i) as unknown), total: items.length });
    }
    sized.set(bytes, text);
  }
  return text;
}

const sizedAnswer = (c: Context) => {
  c.header('Content-Type', 'application/json; charset=UTF-8');
  return c.body(jsonOfSize(Math.min(1_000_000, Number(c.req.param('bytes')) || 0)), 200);
};

const app = new Hono()
  .get('/json', (c) => c.json({ ok: true, items: [{ id: 1, name: '平湖' }] }, 200))
  .get('/json-sized/:bytes', sizedAnswer)
  // under /api/ like the app's answers, so that it gets the same (API) security headers, set the usual way
  .get('/api/json-headers/:bytes', securityHeaders(), sizedAnswer)
  .post('/insert', async (c) => {
    const body = (await c.req.json()) as { body?: string };
    const id = db.transaction(() => insert.run(String(body.body ?? ''), new Date().toISOString()).lastInsertRowid)();
    return c.json({ id: Number(id) }, 201);
  });

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare server http://localhost:${info.port}`);
});
