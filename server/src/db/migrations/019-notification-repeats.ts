/** Migration 19: notices of the same kind about the same case to the same person within minutes are coalesced into one (domain/notify.ts). */
export default `
  -- how many notices this row stands for; the delivered text says so when more than one
  ALTER TABLE notifications ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1);
  `;
