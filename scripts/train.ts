/**
 * npm run train — build server/model/classifier.json from the data set
 * (../shared/data) plus the staff corrections stored in SQLite
 * (DB_FILE, default data/minqing.db). Written atomically; a running server
 * using ReloadingClassifier picks it up.
 */
import { fileURLToPath } from 'node:url';
import { trainFromSources } from '../server/src/classifier/index.js';

const dataDir = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const outFile = fileURLToPath(new URL('../server/model/classifier.json', import.meta.url));
const dbFile = process.env.DB_FILE ?? 'data/minqing.db';

const r = trainFromSources({ dataDir, dbFile, outFile });
console.log(
  `model ${r.version} → ${r.outFile}\n` +
    `  ${r.dataRows} data-set messages (${r.duplicatesRemoved} near-duplicates removed), ` +
    `${r.corrections} staff corrections from ${dbFile}\n` +
    `  ${(r.bytes / 1e6).toFixed(2)} MB, trained in ${r.seconds.toFixed(1)} s`,
);
