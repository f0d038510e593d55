import type { AdminAction, Role } from '@minqing/shared';
import type { Db } from '../db/open.js';
import type { DeputyRow, RegionRow, StationRow, UnitRow } from './reference.js';
import { statementCache } from './statements.js';
import type { UserRow } from './users.js';

export interface AdminEventRow {
  id: number;
  /** null: the system (a sign-in lockout). */
  actor_user_id: string | null;
  actor_name: string;
  action: AdminAction;
  target: string;
  target_name: string | null;
  changes: string;
  created_at: string;
}

export interface UserFilter {
  role?: Role;
  /** Already escaped for LIKE … ESCAPE '\'. */
  like?: string;
  disabled?: boolean;
}

/** 账号管理: accounts by role and search, their changes, and the append-only log of admin changes. */
export function adminRepo(db: Db) {
  const appendEvent = db.prepare('INSERT INTO admin_events (actor_user_id, action, target, changes, created_at) VALUES (?, ?, ?, ?, ?)');
  const countEvents = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM admin_events');
  const pageEvents = db.prepare<[number, number], AdminEventRow>(
    `SELECT e.*, coalesce(a.name, '系统') AS actor_name, coalesce(t.name, d.name, un.name, ca.name, st.name, vi.name, sc.name) AS target_name
       FROM admin_events e LEFT JOIN users a ON a.id = e.actor_user_id
       LEFT JOIN users t ON t.id = e.target AND e.action LIKE 'user_%'
       LEFT JOIN deputies d ON d.code = e.target AND e.action LIKE 'deputy_%'
       LEFT JOIN units un ON un.id = e.target AND e.action LIKE 'unit_%'
       LEFT JOIN categories ca ON ca.id = e.target AND e.action = 'category_update'
       LEFT JOIN stations st ON st.id = e.target AND e.action LIKE 'station_%'
       LEFT JOIN regions vi ON vi.id = e.target AND e.action LIKE 'village_%'
       LEFT JOIN screen_credentials sc ON sc.id = e.target AND e.action LIKE 'screen_credential_%'
      ORDER BY e.id DESC LIMIT ? OFFSET ?`,
  );
  const insertDeputy = db.prepare(
    `INSERT INTO deputies (code, name, level, region_id, station_id, constituency, photo_url, bio, sort, in_office)
     VALUES (@code, @name, @level, @region_id, @station_id, @constituency, @photo_url, @bio, @sort, @in_office)`,
  );
  const deputyCodes = db.prepare<[], { code: string }>('SELECT code FROM deputies');
  const lastSort = db.prepare<[], { n: number | null }>('SELECT max(sort) AS n FROM deputies');
  const insertUnit = db.prepare(
    'INSERT INTO units (id, name, kind, region_id, sort, active) VALUES (@id, @name, @kind, @region_id, @sort, @active)',
  );
  const unitIds = db.prepare<[], { id: string }>('SELECT id FROM units');
  const unitByName = db.prepare<[string], { id: string }>('SELECT id FROM units WHERE name = ?');
  const lastUnitSort = db.prepare<[string], { n: number | null }>('SELECT max(sort) AS n FROM units WHERE kind = ?');
  const insertStation = db.prepare(
    'INSERT INTO stations (id, name, region_id, address, reception_days, active) VALUES (@id, @name, @region_id, @address, @reception_days, @active)',
  );
  const stationIds = db.prepare<[], { id: string }>('SELECT id FROM stations');
  const stationByName = db.prepare<[string, string], { id: string }>('SELECT id FROM stations WHERE region_id = ? AND name = ?');
  const insertRegion = db.prepare(
    'INSERT INTO regions (id, name, kind, parent_id, sort, active) VALUES (@id, @name, @kind, @parent_id, @sort, @active)',
  );
  const regionIds = db.prepare<[], { id: string }>('SELECT id FROM regions');
  const childByName = db.prepare<[string, string], { id: string }>('SELECT id FROM regions WHERE parent_id = ? AND name = ?');
  const lastChildSort = db.prepare<[string], { n: number | null }>('SELECT max(sort) AS n FROM regions WHERE parent_id = ?');
  const openStationsIn = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM stations WHERE region_id = ? AND active = 1');
  const stationDeputies = db.prepare<[string], { code: string; region_id: string; in_office: 0 | 1 }>(
    'SELECT code, region_id, in_office FROM deputies WHERE station_id = ?',
  );
  const setDefaultUnit = db.prepare('UPDATE categories SET default_unit_id = ? WHERE id = ?');
  const idpTaken = db.prepare<[string], { id: string }>("SELECT id FROM users WHERE idp_kind = 'ding' AND idp_user_id = ?");
  const registerMock = db.prepare(
    `INSERT INTO mock_idp_accounts (account, kind, role, name, mobile, sort) VALUES (?, 'ding', ?, ?, ?, 1000)
     ON CONFLICT (account) DO UPDATE SET role = excluded.role, name = excluded.name, mobile = excluded.mobile`,
  );

  function where(f: UserFilter) {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (f.role) {
      clauses.push('role = ?');
      params.push(f.role);
    }
    if (f.disabled !== undefined) {
      clauses.push('disabled = ?');
      params.push(f.disabled ? 1 : 0);
    }
    if (f.like) {
      clauses.push(
        "(name LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR idp_user_id LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')",
      );
      params.push(f.like, f.like, f.like, f.like);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
  // a statement per filter shape and per set of changed columns, each prepared once
  const prepared = statementCache(db);
  /** Writes the changed columns of one row; column names come from the callers' fixed types, never from input. */
  const setColumns =
    <F extends object>(table: string, key: string) =>
    (id: string, fields: F) => {
      const keys = Object.keys(fields);
      if (keys.length)
        prepared(`UPDATE ${table} SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE ${key} = @id`).run({ ...fields, id });
    };

  return {
    users(filter: UserFilter, page: number, pageSize: number): { rows: UserRow[]; total: number } {
      const w = where(filter);
      const total = (prepared(`SELECT count(*) AS n FROM users ${w.sql}`).get(...w.params) as { n: number }).n;
      const rows = prepared(`SELECT * FROM users ${w.sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(
        ...w.params,
        pageSize,
        (page - 1) * pageSize,
      ) as UserRow[];
      return { rows, total };
    },
    /** The account that already signs in with this 浙政钉 id, if any. */
    dingUserTaken: (dingUserId: string) => idpTaken.get(dingUserId)?.id,
    update: setColumns<
      Partial<
        Pick<
          UserRow,
          'name' | 'phone' | 'idp_kind' | 'idp_user_id' | 'password_hash' | 'region_id' | 'unit_id' | 'deputy_code' | 'disabled'
        >
      >
    >('users', 'id'),
    /** actorId null: done by the system, not a person (a sign-in lockout). */
    appendEvent: (actorId: string | null, action: AdminAction, target: string, changes: Record<string, unknown>, at: string) =>
      appendEvent.run(actorId, action, target, JSON.stringify(changes), at),
    events(page: number, pageSize: number) {
      return { rows: pageEvents.all(pageSize, (page - 1) * pageSize), total: countEvents.get()!.n };
    },
    /** 代表名册: a new deputy (the caller holds the transaction and has checked region and station). */
    insertDeputy: (row: DeputyRow) => insertDeputy.run(row),
    updateDeputy: setColumns<
      Partial<Pick<DeputyRow, 'name' | 'level' | 'region_id' | 'station_id' | 'constituency' | 'bio' | 'sort' | 'in_office' | 'photo_url'>>
    >('deputies', 'code'),
    /** Every deputy code in use (read in the transaction that takes the next free D###). */
    deputyCodes: () => deputyCodes.all().map((r) => r.code),
    /** The sort a new deputy gets: after every other. */
    nextDeputySort: () => (lastSort.get()?.n ?? 0) + 1,
    /** 承办单位: a new unit (the caller holds the transaction and has checked name, id and region). */
    insertUnit: (row: UnitRow) => insertUnit.run(row),
    updateUnit: setColumns<Partial<Pick<UnitRow, 'name' | 'sort' | 'active'>>>('units', 'id'),
    /** Every unit id in use, and the unit (if any) of that exact name (read in the writing transaction). */
    unitIds: () => unitIds.all().map((r) => r.id),
    unitIdByName: (name: string) => unitByName.get(name)?.id,
    /** The sort a new unit gets: after the others of its kind. */
    nextUnitSort: (kind: UnitRow['kind']) => (lastUnitSort.get(kind)?.n ?? 0) + 1,
    /** 联络站: a new station (the caller holds the transaction and has checked id, name and region). */
    insertStation: (row: StationRow) => insertStation.run(row),
    updateStation: setColumns<Partial<Pick<StationRow, 'name' | 'region_id' | 'address' | 'reception_days' | 'active'>>>('stations', 'id'),
    /** Every station id in use, and the station (if any) of that exact name in a region (read in the writing transaction). */
    stationIds: () => stationIds.all().map((r) => r.id),
    stationIdByName: (regionId: string, name: string) => stationByName.get(regionId, name)?.id,
    /** The deputies placed at a station, in office or not. */
    stationDeputies: (id: string) => stationDeputies.all(id),
    /** 村（社区）: a new village (the caller holds the transaction and has checked name and town). */
    insertRegion: (row: RegionRow) => insertRegion.run(row),
    updateRegion: setColumns<Partial<Pick<RegionRow, 'name' | 'sort' | 'active'>>>('regions', 'id'),
    /** Every region id in use, and the region (if any) of that exact name under a parent (read in the writing transaction). */
    regionIds: () => regionIds.all().map((r) => r.id),
    childIdByName: (parentId: string, name: string) => childByName.get(parentId, name)?.id,
    /** The sort a new village gets: after the others of its town. */
    nextChildSort: (parentId: string) => (lastChildSort.get(parentId)?.n ?? 0) + 1,
    /** Open stations serving a region (read in the transaction that stops it). */
    openStationsIn: (regionId: string) => openStationsIn.get(regionId)!.n,
    setDefaultUnit: (categoryId: string, unitId: string) => setDefaultUnit.run(unitId, categoryId),
    /** Demo mode: the stand-in provider learns the new 浙政钉 account, so it can sign in there. */
    registerMockStaff: (dingUserId: string, role: Role, name: string, mobile: string | null) =>
      registerMock.run(dingUserId, role, name, mobile),
  };
}
export type AdminRepo = ReturnType<typeof adminRepo>;
