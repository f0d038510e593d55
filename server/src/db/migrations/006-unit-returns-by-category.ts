/** Migration 6: 退单 per unit also by the case's category, so a category filter reads sums too. */
export default `
  DROP TRIGGER stats_return_insert;
  DROP TABLE stats_unit_returns;
  CREATE TABLE stats_unit_returns (day TEXT NOT NULL, region_id TEXT NOT NULL, deputy_code TEXT NOT NULL, category_id TEXT NOT NULL,
    unit_id TEXT NOT NULL, returned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id, deputy_code, category_id, unit_id)) STRICT, WITHOUT ROWID;
  -- a return counts under the case's current category: added when the return is recorded…
  CREATE TRIGGER stats_return_insert AFTER INSERT ON case_events WHEN new.action = 'return' BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, coalesce(c.category_id, ''), u.unit_id, 1 FROM cases c, users u
      WHERE c.id = new.case_id AND u.id = new.actor_user_id AND u.unit_id IS NOT NULL
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + 1;
  END;
  -- …and moved when the case is given another category later
  CREATE TRIGGER stats_return_recategorise AFTER UPDATE OF category_id ON cases
    WHEN old.category_id IS NOT new.category_id AND new.return_count > 0 BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(new.submitted_at, '+8 hours'), new.region_id, new.deputy_code, coalesce(old.category_id, ''), u.unit_id, -count(*)
      FROM case_events e JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = new.id AND e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY u.unit_id
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + excluded.returned;
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(new.submitted_at, '+8 hours'), new.region_id, new.deputy_code, coalesce(new.category_id, ''), u.unit_id, count(*)
      FROM case_events e JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = new.id AND e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY u.unit_id
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + excluded.returned;
  END;
  INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
    SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, coalesce(c.category_id, ''), u.unit_id, count(*) FROM case_events e
    JOIN cases c ON c.id = e.case_id JOIN users u ON u.id = e.actor_user_id
    WHERE e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
  `;
