import type { TestProject } from 'vitest/node';
import { buildAppsIfStale } from '../scripts/build-if-stale.js';
import { seededDatabase } from './e2e/helpers/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A seeded demo database's directory, for startServerProcess's `seeded` (helpers/server.ts). */
    seededDatabase: string;
  }
}

/**
 * Browser tests load the built apps from the real server: build them once, before any test.
 * And seed one database, which each test's server starts from a copy of rather than seeding its own.
 */
export default async function setup(project: TestProject) {
  buildAppsIfStale();
  const seeded = await seededDatabase();
  project.provide('seededDatabase', seeded.dir);
  return () => seeded.remove();
}
