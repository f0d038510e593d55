/** Migration 2: a hash chain over each case's events, so tampering with the timeline is detectable. */
export default `
  ALTER TABLE case_events ADD COLUMN prev_hash TEXT;
  ALTER TABLE case_events ADD COLUMN hash TEXT;
  `;
