/** Migration 18: an Idempotency-Key remembers the body it was first used with; the same key with another body is refused (422). */
export default `
  -- SHA-256 (hex) of the validated input as canonical JSON; NULL for keys stored before: any body replays them
  ALTER TABLE idempotency_keys ADD COLUMN body_hash TEXT;
  `;
