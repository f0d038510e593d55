import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADMIN_ACTION_LABELS, ADMIN_ACTIONS, CASE_STATUSES } from '@minqing/shared';
import { migrate, openDatabase } from '../../server/src/db/open.js';
import { MIGRATIONS } from '../../server/src/db/migrations/index.js';
import { seedAccounts, seedDemoCases } from '../../server/src/seed/demo.js';
import { seedReference } from '../../server/src/seed/reference.js';
import { casesRepo } from '../../server/src/repos/cases.js';
import { seededDatabase, TEST_SECRETS } from '../helpers/server.js';

const MIGRATIONS_DIR = new URL('../../server/src/db/migrations/', import.meta.url);

/** SHA-256 of each migration that has shipped: a database at its version never runs it again, so it must not change. */
const SHIPPED = [
  '39300f0b052f66aea1eb38cbd26a4e04b1864828f2fe1293fa4ca832f031c6ff',
  '20341d962eb42a9f6b103e955874f71865a15a06a462edbebadc7ad0b057c5af',
  'eef931917172d8c2af4d4335e1e3f0aced3ff39e44a482aab29c65bdc68cad8c',
  'fd19719ecf58e0542088bb7a951250b5d95ff0f4e05c38f5256505312db14fba',
  'e16bc4e8302ddb349a9812949171d7941297f126580f71be0cb4a444dd7e5f99',
  '36cb20ab4b1eae8024497c90c9a3cff18ead829caa42215cac3a8ef68083528b',
  '50cfd3f75b2cedf2ed61fc2c94a3fafc049935e58f6dea60edebc5aa05d25e14',
  '02ab07adca6aab25ee1b6617c590f89c8d03ae061d1fd9d143116fe0b470449c',
  '59b94fc0d924de1e28317864a6ea7695f8fc144f2f6d27463166ce6eef2b9497',
  '9d9a004ac7ce671d007bc2ffcf49eaa740de62288b00a5965ba1a173efb2c482',
  'adc2a5e2568615c49728ae2b2de2c7d6151c7533840457a30450b04398c72719',
  'e45f72c777ee192cac7c9031962f974473606cf72bf33c5a079580a0a5b15645',
  '01a97324de217e727fb4a099d79b2c7856d78f91dce3819ded2c789e861b9590',
  'ea7238be6c9f451b927fd4b559eb130842b2381316bb52051b9278c76f86394a',
  '5bba11ba561becbe810371fb848979d844e13072876c95a521090f4dff8eb3e9',
  '68a996460494f212c07b0ee8bb63519e289ee7fc41d688b41a7522737770b0ac',
  'd0321e6aa1bc784f3d85da84444465241173801e5860a94897d27567fbb462db',
  '7eecba266299f59346d353d956b57807ae7c990b206b353011a5b08819b03817',
  'eb2030cc7afef7145dd354a32946ad98ccd73b376dc437e4fba8e2fd48e78d88',
  '4cbe10fd3543bf9809690d59bf85daf9c04008b81823204b1405cca49c5e271b',
  '3f200d72560c5e2ec1bcdf470b47bac322254f986acb7839021ecbdbfbfeb78d',
];

const counts = (db: Database.Database) =>
  Object.fromEntries(
    ['regions', 'stations', 'units', 'categories', 'deputies', 'users', 'holidays', 'cases', 'case_events', 'mock_idp_accounts'].map(
      (t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n],
    ),
  );

describe('the database', () => {
  it('should refuse to open a database newer than the code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-'));
    const file = join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/数据库版本/);
    rmSync(dir, { recursive: true });
  });

  it('should apply migrations once and record the version', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    migrate(db); // again: nothing to do, no error
    const strict = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT%'").get() as {
      n: number;
    };
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as {
      n: number;
    };
    expect(strict.n).toBe(tables.n);
    db.close();
  });

  it('should list every migration file once, in the order of its number', async () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f !== 'index.ts')
      .sort();
    expect(files.map((f) => /^(\d{3})-[a-z0-9-]+\.ts$/.exec(f)?.[1])).toEqual(MIGRATIONS.map((_, i) => String(i + 1).padStart(3, '0')));
    for (const [i, file] of files.entries()) {
      const module = (await import(new URL(file, MIGRATIONS_DIR).href)) as { default: string };
      expect(module.default).toBe(MIGRATIONS[i]);
    }
  });

  it('should never change a migration that has shipped', () => {
    const hashes = MIGRATIONS.slice(0, SHIPPED.length).map((sql) => createHash('sha256').update(sql).digest('hex'));
    expect(hashes).toEqual(SHIPPED);
  });

  it('should know every admin action the contract names, each with its label', () => {
    const db = openDatabase(':memory:');
    const known = db.prepare('SELECT action, label FROM admin_event_actions ORDER BY action').all();
    expect(known).toEqual(
      ADMIN_ACTIONS.map((action) => ({ action, label: ADMIN_ACTION_LABELS[action] })).sort((a, b) => (a.action < b.action ? -1 : 1)),
    );
    db.close();
  });

  it('should refuse an admin event of an unknown action, and take a new action added by one INSERT', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO users (id, role, name, created_at) VALUES ('u-admin', 'admin', '管理员', '2026-03-02T02:00:00.000Z')").run();
    const append = db.prepare(
      "INSERT INTO admin_events (actor_user_id, action, target, changes, created_at) VALUES (?, ?, 'u-admin', '{}', '2026-03-02T02:00:00.000Z')",
    );
    expect(() => append.run('u-admin', 'user_delete')).toThrow(/FOREIGN KEY/);
    // a person did it, except what the system records
    expect(() => append.run(null, 'user_create')).toThrow(/actor/);
    expect(() => append.run('u-admin', 'user_lockout')).toThrow(/actor/);
    append.run('u-admin', 'user_create');
    append.run(null, 'user_lockout');

    db.prepare("INSERT INTO admin_event_actions (action, label) VALUES ('user_delete', '删除账号')").run();
    append.run('u-admin', 'user_delete');
    db.prepare("INSERT INTO admin_event_actions (action, label, by_system) VALUES ('user_unlock', '自动解锁', 1)").run();
    append.run(null, 'user_unlock');
    expect(() => append.run('u-admin', 'user_unlock')).toThrow(/actor/);
    expect(db.prepare('SELECT action FROM admin_events ORDER BY id').pluck().all()).toEqual([
      'user_create',
      'user_lockout',
      'user_delete',
      'user_unlock',
    ]);
    db.close();
  });

  it('should keep the admin_events rows, ids and append-only rule of a database upgraded from version 20', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 20));
    db.prepare("INSERT INTO users (id, role, name, created_at) VALUES ('u-admin', 'admin', '管理员', '2026-03-02T02:00:00.000Z')").run();
    // one event of every action version 20 knows (migration 17's CHECK), with gaps in the ids
    const insert = db.prepare(
      'INSERT INTO admin_events (id, actor_user_id, action, target, changes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const version20Actions = [
      'user_create',
      'user_update',
      'settings_update',
      'deputy_create',
      'deputy_update',
      'unit_create',
      'unit_update',
      'category_update',
      'station_create',
      'station_update',
      'village_create',
      'village_update',
      'user_lockout',
    ];
    version20Actions.forEach((action, i) =>
      insert.run(
        3 * i + 2,
        action === 'user_lockout' ? null : 'u-admin',
        action,
        `t-${i}`,
        JSON.stringify({ n: i }),
        `2026-03-02T02:00:${String(i).padStart(2, '0')}.000Z`,
      ),
    );
    const rows = () => db.prepare('SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events ORDER BY id').all();
    const before = rows();

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(rows()).toEqual(before);
    expect(() => db.prepare("UPDATE admin_events SET changes = '{}'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM admin_events').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO admin_events (actor_user_id, action, target, changes, created_at) VALUES ('u-admin', 'nonsense', 'x', '{}', '2026-03-03T02:00:00.000Z')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('should answer a new case as the table stores it, whatever defaults later migrations give new columns', () => {
    const db = openDatabase(':memory:');
    seedReference(db);
    seedAccounts(db, new Date('2026-03-02T02:00:00Z'));
    const deputy = db.prepare('SELECT code, region_id FROM deputies ORDER BY code LIMIT 1').get() as { code: string; region_id: string };
    const citizen = db.prepare("SELECT id FROM users WHERE role = 'citizen' LIMIT 1").get() as { id: string };
    const cases = casesRepo(db);
    const answered = cases.insert({
      id: 'c-defaults',
      tracking_no: 'PH20260302-0001',
      type: 'help',
      title: '路灯不亮',
      body: '东湖社区路灯不亮',
      status: 'submitted',
      deputy_code: deputy.code,
      region_id: deputy.region_id,
      citizen_user_id: citizen.id,
      entered_by_user_id: citizen.id,
      contact_name: '张三',
      contact_phone: '13800001111',
      anonymous: 0,
      location_lat: null,
      location_lng: null,
      location_address: null,
      photo_ids: '[]',
      category_id: null,
      submitted_at: '2026-03-02T02:00:00.000Z',
      ack_due_at: '2026-03-03T02:00:00.000Z',
      updated_at: '2026-03-02T02:00:00.000Z',
    });
    expect(answered).toStrictEqual(cases.get('c-defaults'));
    db.close();
  });

  it('should keep case events append-only', () => {
    const db = seededDatabase(':memory:', new Date('2026-03-02T02:00:00Z'), 5);
    expect(() => db.prepare("UPDATE case_events SET note = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('should seed idempotently', () => {
    const now = new Date('2026-11-28T02:00:00Z');
    const db = seededDatabase(':memory:', now, 60);
    const first = counts(db);
    seedReference(db);
    seedAccounts(db, now);
    expect(seedDemoCases(db, TEST_SECRETS, now, 60)).toBe(0);
    expect(counts(db)).toEqual(first);
    expect(first.deputies).toBeGreaterThanOrEqual(30);
    db.close();
  });

  it('should seed a year of demo cases in every status with timelines that follow the lifecycle', () => {
    const now = new Date('2026-11-28T02:00:00Z');
    const db = seededDatabase(':memory:', now);
    const statuses = db
      .prepare('SELECT DISTINCT status FROM cases')
      .all()
      .map((r) => (r as { status: string }).status);
    expect(new Set(statuses)).toEqual(new Set(CASE_STATUSES));
    const cases = db.prepare('SELECT id, status, submitted_at FROM cases').all() as { id: string; status: string; submitted_at: string }[];
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const events = db.prepare('SELECT case_id, seq, from_status, to_status, created_at FROM case_events ORDER BY case_id, seq').all() as {
      case_id: string;
      seq: number;
      from_status: string | null;
      to_status: string;
      created_at: string;
    }[];
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of cases) {
      const timeline = byCase.get(c.id)!;
      expect(timeline[0]!.from_status).toBeNull();
      for (let i = 1; i < timeline.length; i++) {
        // each event starts where the previous one left the case, and time only moves forward
        expect(timeline[i]!.from_status).toBe(timeline[i - 1]!.to_status);
        expect(timeline[i]!.created_at >= timeline[i - 1]!.created_at).toBe(true);
      }
      expect(timeline.at(-1)!.to_status).toBe(c.status);
      expect(timeline.at(-1)!.created_at <= now.toISOString()).toBe(true);
    }
    const oldest = cases.map((c) => c.submitted_at).sort()[0]!;
    expect(Date.parse(now.toISOString()) - Date.parse(oldest)).toBeGreaterThan(300 * 86_400_000);
    db.close();
  });
});
