/** Migration 5: 退单 per unit for the cockpit's unit ranking (a return belongs to the unit that returned the case). */
export default `
  CREATE TABLE stats_unit_returns (day TEXT NOT NULL, region_id TEXT NOT NULL, deputy_code TEXT NOT NULL, unit_id TEXT NOT NULL,
    returned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id, deputy_code, unit_id)) STRICT, WITHOUT ROWID;
  -- by the case's submission day (China time), like the other sums; kept in the same transaction as the return
  CREATE TRIGGER stats_return_insert AFTER INSERT ON case_events WHEN new.action = 'return' BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, unit_id, returned)
      SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, u.unit_id, 1 FROM cases c, users u
      WHERE c.id = new.case_id AND u.id = new.actor_user_id AND u.unit_id IS NOT NULL
      ON CONFLICT (day, region_id, deputy_code, unit_id) DO UPDATE SET returned = returned + 1;
  END;
  INSERT INTO stats_unit_returns (day, region_id, deputy_code, unit_id, returned)
    SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, u.unit_id, count(*) FROM case_events e
    JOIN cases c ON c.id = e.case_id JOIN users u ON u.id = e.actor_user_id
    WHERE e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY 1, 2, 3, 4;
  `;
