import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '@minqing/shared';
import { migrate, openDatabase } from '../../server/src/db/open.js';
import { MIGRATIONS } from '../../server/src/db/migrations/index.js';
import { seedAccounts, seedDemoCases } from '../../server/src/seed/demo.js';
import { seedReference } from '../../server/src/seed/reference.js';
import { casesRepo } from '../../server/src/repos/cases.js';
import { TEST_SECRETS } from '../helpers/server.js';

const counts = (db: Database.Database) =>
  Object.fromEntries(
    ['regions', 'stations', 'units', 'categories', 'deputies', 'users', 'holidays', 'cases', 'case_events', 'mock_idp_accounts'].map((t) => [
      t,
      (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
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
    const strict = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT%'").get() as { n: number };
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number };
    expect(strict.n).toBe(tables.n);
    db.close();
  });

  it('should answer a new case as the table stores it, whatever defaults later migrations give new columns', () => {
    const db = openDatabase(':memory:');
    seedReference(db);
    seedAccounts(db, new Date('2026-03-02T02:00:00Z'));
    const deputy = db.prepare("SELECT code, region_id FROM deputies ORDER BY code LIMIT 1").get() as { code: string; region_id: string };
    const citizen = db.prepare("SELECT id FROM users WHERE role = 'citizen' LIMIT 1").get() as { id: string };
    const cases = casesRepo(db);
    const answered = cases.insert({
      id: 'c-defaults', tracking_no: 'PH20260302-0001', type: 'help', title: '路灯不亮', body: '东湖社区路灯不亮', status: 'submitted',
      deputy_code: deputy.code, region_id: deputy.region_id, citizen_user_id: citizen.id, entered_by_user_id: citizen.id,
      contact_name: '张三', contact_phone: '13800001111', anonymous: 0, location_lat: null, location_lng: null, location_address: null,
      photo_ids: '[]', category_id: null, submitted_at: '2026-03-02T02:00:00.000Z', ack_due_at: '2026-03-03T02:00:00.000Z',
      updated_at: '2026-03-02T02:00:00.000Z',
    });
    expect(answered).toStrictEqual(cases.get('c-defaults'));
    db.close();
  });

  it('should keep case events append-only', () => {
    const db = openDatabase(':memory:');
    seedReference(db);
    seedAccounts(db, new Date('2026-03-02T02:00:00Z'));
    seedDemoCases(db, TEST_SECRETS, new Date('2026-03-02T02:00:00Z'), 5);
    expect(() => db.prepare("UPDATE case_events SET note = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('should seed idempotently', () => {
    const db = openDatabase(':memory:');
    const now = new Date('2026-11-28T02:00:00Z');
    seedReference(db);
    seedAccounts(db, now);
    seedDemoCases(db, TEST_SECRETS, now, 60);
    const first = counts(db);
    seedReference(db);
    seedAccounts(db, now);
    expect(seedDemoCases(db, TEST_SECRETS, now, 60)).toBe(0);
    expect(counts(db)).toEqual(first);
    expect(first.deputies).toBeGreaterThanOrEqual(30);
    db.close();
  });

  it('should seed a year of demo cases in every status with timelines that follow the lifecycle', () => {
    const db = openDatabase(':memory:');
    const now = new Date('2026-11-28T02:00:00Z');
    seedReference(db);
    seedAccounts(db, now);
    seedDemoCases(db, TEST_SECRETS, now);
    const statuses = db.prepare('SELECT DISTINCT status FROM cases').all().map((r) => (r as { status: string }).status);
    expect(new Set(statuses)).toEqual(new Set(CASE_STATUSES));
    const cases = db.prepare('SELECT id, status, submitted_at FROM cases').all() as { id: string; status: string; submitted_at: string }[];
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const events = db.prepare('SELECT case_id, seq, from_status, to_status, created_at FROM case_events ORDER BY case_id, seq').all() as {
      case_id: string; seq: number; from_status: string | null; to_status: string; created_at: string;
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
