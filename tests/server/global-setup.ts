import { buildServer } from '../../scripts/build-server.js';

/** The production start (server/dist/main.js under plain node) is what the shutdown and production tests run: built once. */
export default async function setup() {
  await buildServer();
}
