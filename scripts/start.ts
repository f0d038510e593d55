/**
 * `npm start`: builds the two apps when their sources are newer than the last build, then
 * runs the server (which migrates and, in demo mode, seeds the database on its own).
 */
import { buildAppsIfStale } from './build-if-stale.js';

buildAppsIfStale();
await import('../server/src/main.js');
