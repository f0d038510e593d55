import type { Db } from '../db/open.js';
import { statementCache } from './statements.js';

export interface VisitRow {
  id: string;
  deputy_code: string;
  kind: 'visit' | 'reception';
  date: string;
  place: string;
  people: string;
  summary: string;
  photo_ids: string;
  created_at: string;
}
export interface CheckinRow {
  id: string;
  deputy_code: string;
  station_id: string;
  at: string;
}

/** 走: a deputy's visits and reception days, and liaison-station check-ins. */
export function fieldRepo(db: Db) {
  const insertVisit = db.prepare(
    `INSERT INTO visits (id, deputy_code, kind, date, place, people, summary, photo_ids, created_at)
     VALUES (@id, @deputy_code, @kind, @date, @place, @people, @summary, @photo_ids, @created_at)`,
  );
  // the deputies a viewer may see vary in number: one statement per list length
  const prepared = statementCache(db);
  const visitsWhere = (codes: readonly string[] | null) =>
    codes === null ? '' : `WHERE deputy_code IN (${codes.map(() => '?').join(',') || "''"})`;
  const checkinSince = db.prepare<[string, string, string], CheckinRow>(
    'SELECT * FROM checkins WHERE deputy_code = ? AND station_id = ? AND at >= ?',
  );
  const insertCheckin = db.prepare('INSERT INTO checkins (id, deputy_code, station_id, at) VALUES (@id, @deputy_code, @station_id, @at)');
  const checkinsOf = db.prepare<[string], CheckinRow>('SELECT * FROM checkins WHERE deputy_code = ? ORDER BY at DESC LIMIT 100');
  return {
    insertVisit: (row: VisitRow) => insertVisit.run(row),
    /** One page of the visits of `codes` (null: every deputy's), newest first, and how many there are. */
    visits(codes: readonly string[] | null, limit: number, offset: number) {
      const where = visitsWhere(codes);
      const params = codes ?? [];
      const items = prepared(`SELECT * FROM visits ${where} ORDER BY date DESC, created_at DESC LIMIT ? OFFSET ?`).all(
        ...params,
        limit,
        offset,
      ) as VisitRow[];
      const total = (prepared(`SELECT count(*) AS n FROM visits ${where}`).get(...params) as { n: number }).n;
      return { items, total };
    },
    /** The deputy's check-in at the station since `sinceIso`, if any. */
    checkinSince: (deputyCode: string, stationId: string, sinceIso: string) => checkinSince.get(deputyCode, stationId, sinceIso),
    insertCheckin: (row: CheckinRow) => insertCheckin.run(row),
    /** The deputy's last 100 check-ins, newest first. */
    checkinsOf: (deputyCode: string) => checkinsOf.all(deputyCode),
  };
}
export type FieldRepo = ReturnType<typeof fieldRepo>;
