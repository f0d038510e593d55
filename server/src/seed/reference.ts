import { deputyAvatarUrl } from '@minqing/shared';
import type { Db } from '../db/open.js';
import { holidayRows } from './holidays.js';
import { CATEGORIES, CITY, DEPARTMENTS, TOWNS, deputySeeds, townUnitName } from './pinghu.js';
import { townUnitId } from '../domain/units.js';

/** Reference data: upserted, so running it again changes nothing and fixes what drifted. */
export function seedReference(db: Db): void {
  const region = db.prepare(
    `INSERT INTO regions (id, name, kind, parent_id, sort) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id, sort = excluded.sort`,
  );
  const station = db.prepare(
    `INSERT INTO stations (id, name, region_id, address, reception_days) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, reception_days = excluded.reception_days`,
  );
  const unit = db.prepare(
    `INSERT INTO units (id, name, kind, region_id, sort) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, region_id = excluded.region_id, sort = excluded.sort`,
  );
  const category = db.prepare(
    `INSERT INTO categories (id, name, default_unit_id, sort) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, default_unit_id = excluded.default_unit_id, sort = excluded.sort`,
  );
  const deputy = db.prepare(
    `INSERT INTO deputies (code, name, level, region_id, station_id, constituency, photo_url, bio, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, region_id = excluded.region_id,
       station_id = excluded.station_id, constituency = excluded.constituency, photo_url = excluded.photo_url, bio = excluded.bio, sort = excluded.sort`,
  );
  const holiday = db.prepare(
    `INSERT INTO holidays (date, kind, name) VALUES (?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
  );
  const changedDeputies = db.prepare<[], { target: string }>(
    "SELECT DISTINCT target FROM admin_events WHERE action IN ('deputy_create', 'deputy_update')",
  );
  const changedUnits = db.prepare<[], { target: string }>(
    "SELECT DISTINCT target FROM admin_events WHERE action IN ('unit_create', 'unit_update')",
  );
  const changedStations = db.prepare<[], { target: string }>(
    "SELECT DISTINCT target FROM admin_events WHERE action IN ('station_create', 'station_update')",
  );
  const changedVillages = db.prepare<[], { target: string }>(
    "SELECT DISTINCT target FROM admin_events WHERE action IN ('village_create', 'village_update')",
  );
  const changedCategories = db.prepare<[], { target: string }>("SELECT DISTINCT target FROM admin_events WHERE action = 'category_update'");
  const enteredYears = db.prepare<[], { target: string }>(
    "SELECT DISTINCT target FROM admin_events WHERE action = 'settings_update' AND target LIKE 'holidays:%'",
  );

  db.transaction(() => {
    region.run(CITY.id, CITY.name, 'city', null, 0);
    // a station the office has added or changed in 联络站 is theirs (name, address, 接待日, 停用): the seed leaves it alone
    const stations = new Set(changedStations.all().map((r) => r.target));
    // a village the office has renamed, re-ordered or stopped in 村（社区） is theirs: the seed leaves it alone
    const villages = new Set(changedVillages.all().map((r) => r.target));
    TOWNS.forEach((town, i) => {
      region.run(town.id, town.name, 'town', CITY.id, i + 1);
      town.villages.forEach((v, j) => {
        const id = `${town.id}-${String(j + 1).padStart(2, '0')}`;
        if (!villages.has(id)) region.run(id, v, 'village', town.id, j + 1);
      });
      if (!stations.has(`st-${town.id}`)) station.run(`st-${town.id}`, town.station, town.id, town.address, town.reception);
    });
    // a unit or category the office has added or changed in 承办单位与分类 is theirs (name, 停用, default unit): the seed leaves it alone
    const units = new Set(changedUnits.all().map((r) => r.target));
    DEPARTMENTS.forEach((d, i) => units.has(d.id) || unit.run(d.id, d.name, d.kind, null, i + 1));
    TOWNS.forEach(
      (town, i) => units.has(townUnitId(town.id)) || unit.run(townUnitId(town.id), townUnitName(town), 'town', town.id, 100 + i),
    );
    const categories = new Set(changedCategories.all().map((r) => r.target));
    CATEGORIES.forEach((c, i) => categories.has(c.id) || category.run(c.id, c.name, c.unit, i + 1));
    // a deputy the office has added or changed in 代表名册 is theirs (details, 不再履职): the seed leaves them alone
    const changed = new Set(changedDeputies.all().map((r) => r.target));
    deputySeeds().forEach((d, i) => {
      if (!changed.has(d.code))
        deputy.run(d.code, d.name, d.level, d.townId, `st-${d.townId}`, d.constituency, deputyAvatarUrl(d.code), d.bio, i + 1);
    });
    // a year an admin has entered in 系统设置 → 节假日安排 is theirs: the seed leaves it alone
    const entered = new Set(enteredYears.all().map((r) => r.target.slice('holidays:'.length)));
    for (const h of holidayRows()) if (!entered.has(h.date.slice(0, 4))) holiday.run(h.date, h.kind, h.name);
  }).immediate();
}
