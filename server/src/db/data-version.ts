import type { Db } from './open.js';

/**
 * A number that changes whenever the database may have changed: rows written through this
 * connection (`total_changes()`, triggers included) or a commit by any other connection
 * (`PRAGMA data_version`, e.g. `npm run train` or a restore).
 */
export function dataVersion(db: Db): () => string {
  const own = db.prepare('SELECT total_changes()').pluck();
  const others = db.prepare('PRAGMA data_version').pluck();
  return () => `${own.get() as number}:${others.get() as number}`;
}
