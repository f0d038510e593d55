/**
 * 马上分 — public API of the classifier: category suggestions with
 * calibrated scores and explanations, duplicate detection, hotspots.
 * See docs/classifier.md for the design and the measured figures.
 */
import { trainModel, LinearClassifier, type SerializedModel, type TrainOptions } from './model.js';
import type { CategoryLabel } from './types.js';

export { LABELS, isCategoryLabel } from './types.js';
export type { CategoryLabel, Suggestion, Classifier, Correction, LabelledText } from './types.js';
export { LinearClassifier, MODEL_FORMAT } from './model.js';
export type { SerializedModel, TrainOptions } from './model.js';
export {
  loadClassifier,
  ReloadingClassifier,
  trainFromSources,
  readCorrections,
  saveModel,
  readModel,
  DEFAULT_MODEL_FILE,
  DEFAULT_DATA_DIR,
  CORRECTION_WEIGHT,
} from './io.js';
export type { TrainSources, TrainReport } from './io.js';
export { nonActionableKind } from './nonActionable.js';
export type { NonActionableKind } from './nonActionable.js';
export { normalizeText } from './normalize.js';
export { similarity, rankSimilar, setSimilarityIdf, SIMILAR_MIN } from './similarity.js';
export { risingTerms } from './hotspots.js';
export type { RisingTerm, RisingOptions } from './hotspots.js';
export { prepareExamples, stratifiedSplit, SPLIT_SEED, TEST_SHARE } from './dataset.js';

/**
 * Train a model on labelled texts (optional per-row `weight`). Returns the
 * serialisable model (JSON-safe); wrap it with `createClassifier`.
 */
export function trainClassifier(
  rows: { text: string; label: CategoryLabel; weight?: number }[],
  opts?: { seed?: number } & TrainOptions,
): SerializedModel {
  return trainModel(rows, opts);
}

/** a classifier from an in-memory model (as returned by trainClassifier) */
export function createClassifier(model: SerializedModel): LinearClassifier {
  return new LinearClassifier(model);
}
