/**
 * The raw ceilings the benchmark compares against, on the same machine in the same run:
 * a bare Hono JSON route, and a bare Hono POST that inserts one row per transaction with
 * synchronous=FULL (the durable-insert ceiling).
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

const db = new Database(process.env.BARE_DB ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL) STRICT');
const insert = db.prepare('INSERT INTO t (body, at) VALUES (?, ?)');

const app = new Hono()
  .get('/json', (c) => c.json({ ok: true, items: [{ id: 1, name: '平湖' }] }, 200))
  .post('/insert', async (c) => {
    const body = (await c.req.json()) as { body?: string };
    const id = db.transaction(() => insert.run(String(body.body ?? ''), new Date().toISOString()).lastInsertRowid)();
    return c.json({ id: Number(id) }, 201);
  });

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare server http://localhost:${info.port}`);
});
