import { fileURLToPath } from 'node:url';

/**
 * Where the server's files are. This module sits directly in server/src/, and the production bundle
 * (server/dist/main.js, scripts/build-server.ts) one folder below server/ as well, so `..` from here is
 * server/ in both.
 */
const SERVER_DIR = new URL('..', import.meta.url);

/** The repository (or the container's /app): package.json and the built apps in dist/. */
export const ROOT_DIR = fileURLToPath(new URL('..', SERVER_DIR));
/** The shipped 马上分 model. */
export const MODEL_FILE = fileURLToPath(new URL('model/classifier.json', SERVER_DIR));
/** ../shared/data beside the checkout: the public data set the model is trained on (training only). */
export const DATA_DIR = fileURLToPath(new URL('../shared/data/', new URL('..', SERVER_DIR)));
