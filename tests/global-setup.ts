import { buildAppsIfStale } from '../scripts/build-if-stale.js';

/** Browser tests load the built apps from the real server: build them once, before any test. */
export default function setup() {
  buildAppsIfStale();
}
