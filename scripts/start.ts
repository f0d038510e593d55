/**
 * `npm start`: builds the two apps when their sources are newer than the last build, then
 * runs the server (which migrates and, in demo mode, seeds the database on its own), in demo
 * mode unless told otherwise (lib/demo-default.ts).
 */
import { buildAppsIfStale } from './build-if-stale.js';
import { askForDemoModeUnlessSaidOtherwise } from './lib/demo-default.js';

askForDemoModeUnlessSaidOtherwise();
// a person at a terminal reads lines, not JSON (pino-pretty); piped or in production, JSON stays
if (process.env.LOG_PRETTY === undefined && process.stdout.isTTY) process.env.LOG_PRETTY = '1';
buildAppsIfStale();
await import('../server/src/main.js');
