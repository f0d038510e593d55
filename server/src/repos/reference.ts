import type { Db } from '../db/open.js';

export interface RegionRow {
  id: string;
  name: string;
  kind: 'city' | 'town' | 'village';
  parent_id: string | null;
  sort: number;
  /** 1 in use, 0 stopped (停用: a village merged away or dissolved; 村（社区）). */
  active: 0 | 1;
}
export interface StationRow {
  id: string;
  name: string;
  region_id: string;
  address: string;
  reception_days: string;
  /** 1 open, 0 stopped (停用: closed; 联络站). */
  active: 0 | 1;
}
export interface UnitRow {
  id: string;
  name: string;
  kind: 'department' | 'town' | 'organ';
  region_id: string | null;
  sort: number;
  /** 1 in service, 0 stopped (停用: no new assignments; 承办单位). */
  active: 0 | 1;
}
export interface CategoryRow {
  id: string;
  name: string;
  default_unit_id: string | null;
  sort: number;
}
export interface DeputyRow {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'town';
  region_id: string;
  station_id: string | null;
  constituency: string;
  photo_url: string;
  bio: string;
  sort: number;
  /** 1 in office, 0 left office (代表名册). */
  in_office: 0 | 1;
}

/**
 * Reference data changes rarely (seed, admin), so it is read once into memory and
 * refreshed on demand; scope checks and DTOs look names up here, not in joins.
 */
export function referenceRepo(db: Db) {
  let regions = new Map<string, RegionRow>();
  let stations = new Map<string, StationRow>();
  let units = new Map<string, UnitRow>();
  let categories = new Map<string, CategoryRow>();
  let deputies = new Map<string, DeputyRow>();
  /** A whole table in its order, by its key. */
  const table = <R>(sql: string, key: (r: R) => string) =>
    new Map(
      db
        .prepare<[], R>(sql)
        .all()
        .map((r) => [key(r), r]),
    );
  const load = () => {
    regions = table<RegionRow>('SELECT * FROM regions ORDER BY sort, id', (r) => r.id);
    stations = table<StationRow>('SELECT * FROM stations ORDER BY id', (r) => r.id);
    units = table<UnitRow>('SELECT * FROM units ORDER BY sort, id', (r) => r.id);
    categories = table<CategoryRow>('SELECT * FROM categories ORDER BY sort, id', (r) => r.id);
    deputies = table<DeputyRow>('SELECT * FROM deputies ORDER BY sort, code', (r) => r.code);
  };
  load();

  /** The region and every region below it. */
  const subtree = (regionId: string): string[] => {
    const out = [regionId];
    for (let i = 0; i < out.length; i++) {
      for (const r of regions.values()) if (r.parent_id === out[i]) out.push(r.id);
    }
    return out;
  };
  /** The town (or city) a region belongs to: villages roll up to their town. */
  const townOf = (regionId: string): RegionRow | undefined => {
    let r = regions.get(regionId);
    while (r && r.kind === 'village' && r.parent_id) r = regions.get(r.parent_id);
    return r;
  };
  const isWithin = (regionId: string, ancestorId: string): boolean => {
    for (let r = regions.get(regionId); r; r = r.parent_id ? regions.get(r.parent_id) : undefined) {
      if (r.id === ancestorId) return true;
    }
    return false;
  };

  return {
    reload: load,
    regions: () => [...regions.values()],
    region: (id: string) => regions.get(id),
    stations: () => [...stations.values()],
    station: (id: string) => stations.get(id),
    units: () => [...units.values()],
    unit: (id: string) => units.get(id),
    categories: () => [...categories.values()],
    category: (id: string) => categories.get(id),
    categoryByName: (name: string) => [...categories.values()].find((c) => c.name === name),
    deputies: () => [...deputies.values()],
    deputy: (code: string) => deputies.get(code),
    subtree,
    townOf,
    isWithin,
  };
}
export type ReferenceRepo = ReturnType<typeof referenceRepo>;
