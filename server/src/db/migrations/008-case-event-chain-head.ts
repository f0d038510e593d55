/** Migration 8: the head of each case's event chain on the case, so removing its last event is detected too. */
export default `
  -- a chain alone cannot show that its newest link is gone; npm run audit:verify compares this with the chain's end
  ALTER TABLE cases ADD COLUMN last_event_hash TEXT;
  CREATE TRIGGER case_events_head AFTER INSERT ON case_events BEGIN
    UPDATE cases SET last_event_hash = new.hash WHERE id = new.case_id;
  END;
  UPDATE cases SET last_event_hash = (SELECT e.hash FROM case_events e WHERE e.case_id = cases.id ORDER BY e.seq DESC LIMIT 1);
  `;
