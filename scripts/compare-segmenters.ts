/**
 * Segmenter and model comparison behind the design in docs/classifier.md.
 *
 * Everything is measured on the TRAINING split only (5-fold stratified
 * cross-validation), so the test split stays untouched for
 * scripts/eval-classifier.ts.
 *
 *   npx tsx scripts/compare-segmenters.ts [--folds 5]
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readLabelledRows } from '../server/src/classifier/io.js';
import { prepareExamples, stratifiedSplit, stratifiedFolds, SPLIT_SEED } from '../server/src/classifier/dataset.js';
import {
  HashingVectorizer,
  computeIdf,
  tfidfInPlace,
  DEFAULT_FEATURES,
  type FeatureConfig,
  type SparseVec,
} from '../server/src/classifier/features.js';
import { normalizeText } from '../server/src/classifier/normalize.js';
import { intlWords, charNgrams, type WordSegmenter } from '../server/src/classifier/segment.js';
import {
  toCsr,
  trainLinearSvm,
  trainSoftmax,
  trainNaiveBayes,
  decision,
  type Csr,
  type LinearWeights,
} from '../server/src/classifier/linear.js';
import { evaluate } from '../server/src/classifier/metrics.js';
import { LABELS } from '../server/src/classifier/types.js';

const folds = Number(process.argv[process.argv.indexOf('--folds') + 1]) || 5;
const dataDir = fileURLToPath(new URL('../../shared/data/', import.meta.url));

// jieba-wasm is a devDependency, loaded only here
const require = createRequire(import.meta.url);
let t = performance.now();
const jieba = require('jieba-wasm') as { cut(text: string, hmm?: boolean): string[] };
jieba.cut('预热', true);
const jiebaInitMs = performance.now() - t;
const jiebaWords: WordSegmenter = (s) => jieba.cut(s, true).filter((w) => /[\p{L}\p{N}]/u.test(w));

const { train } = stratifiedSplit(prepareExamples(readLabelledRows(dataDir)).kept, { seed: SPLIT_SEED });
const texts = train.map((e) => normalizeText(e.text));
const chars = texts.reduce((a, s) => a + s.length, 0);
const y = Int32Array.from(train.map((e) => LABELS.indexOf(e.label)));
const K = LABELS.length;
console.log(`training split: ${train.length} messages, ${chars} characters after normalisation; ${folds}-fold CV\n`);

// ------------------------------------------------------------------ 1. segmentation speed
console.log('1. segmentation speed (normalised training texts, one core)');
const segmenters: [string, (s: string) => string[]][] = [
  ['character 1–2-grams', (s) => charNgrams(s, 1, 2)],
  ['Intl.Segmenter (ICU)', intlWords],
  ['jieba-wasm (HMM on)', jiebaWords],
];
for (const [name, seg] of segmenters) {
  for (const s of texts.slice(0, 200)) seg(s);
  let n = 0;
  let tokens = 0;
  t = performance.now();
  while (performance.now() - t < 2000)
    for (const s of texts) {
      tokens += seg(s).length;
      n++;
    }
  const sec = (performance.now() - t) / 1000;
  console.log(
    `  ${name.padEnd(22)} ${String(Math.round(n / sec)).padStart(7)} msgs/s  ${(((n / texts.length) * chars) / sec / 1e6).toFixed(2)} M chars/s  ${(tokens / n).toFixed(0)} units/msg`,
  );
}
console.log(`  jieba-wasm first call (wasm + dictionary init): ${jiebaInitMs.toFixed(0)} ms`);
console.log('  example:', JSON.stringify(texts[3]!.slice(0, 30)));
console.log('    Intl :', intlWords(texts[3]!.slice(0, 30)).join('|'));
console.log('    jieba:', jiebaWords(texts[3]!.slice(0, 30)).join('|'));

// ------------------------------------------------------------------ CV helper
const fold = stratifiedFolds(
  train.map((e) => e.label),
  folds,
  3,
);
type Trainer = (X: Csr, y: Int32Array) => LinearWeights;

function cv(
  raw: SparseVec[],
  dim: number,
  trainers: [string, Trainer][],
  counts = false,
): Map<string, { acc: number; f1: number; s: number }> {
  const pred = new Map(trainers.map(([n]) => [n, new Int32Array(raw.length)]));
  const secs = new Map(trainers.map(([n]) => [n, 0]));
  for (let f = 0; f < folds; f++) {
    const tr: number[] = [];
    const va: number[] = [];
    fold.forEach((k, i) => (k === f ? va : tr).push(i));
    const copy = (i: number): SparseVec => ({ idx: raw[i]!.idx, val: Float32Array.from(raw[i]!.val) });
    const Vtr = tr.map(copy);
    const Vva = va.map(copy);
    const idf = computeIdf(Vtr, dim);
    const cut = Math.log((1 + Vtr.length) / 3.5) + 1; // min df 3, as the shipped model
    for (let b = 0; b < dim; b++) if (idf[b]! > cut) idf[b] = 0;
    if (counts) {
      // raw term counts (the classic input of naive Bayes), unseen/rare buckets dropped
      const keep = (v: SparseVec): void => v.val.forEach((_, i) => idf[v.idx[i]!] === 0 && (v.val[i] = 0));
      Vtr.forEach(keep);
      Vva.forEach(keep);
    } else {
      Vtr.forEach((v) => tfidfInPlace(v, idf));
      Vva.forEach((v) => tfidfInPlace(v, idf));
    }
    const X = toCsr(Vtr, dim);
    const ytr = Int32Array.from(tr, (i) => y[i]!);
    for (const [name, fit] of trainers) {
      const t0 = performance.now();
      const m = fit(X, ytr);
      secs.set(name, secs.get(name)! + (performance.now() - t0) / 1000);
      const s = new Float64Array(K);
      const p = pred.get(name)!;
      Vva.forEach((v, j) => {
        decision(m, v, s);
        let b = 0;
        for (let c = 1; c < K; c++) if (s[c]! > s[b]!) b = c;
        p[va[j]!] = b;
      });
    }
  }
  const out = new Map<string, { acc: number; f1: number; s: number }>();
  for (const [name] of trainers) {
    const m = evaluate(y, pred.get(name)!, K);
    out.set(name, { acc: m.accuracy, f1: m.macroF1, s: secs.get(name)! / folds });
  }
  return out;
}

const svm: Trainer = (X, yy) => trainLinearSvm(X, yy, K, { C: 2, balanced: true });

// ------------------------------------------------------------------ 2. segmenters as features
console.log(`\n2. features from each segmenter, same model (linear SVM, C=2, balanced; TF-IDF, min df 3), ${folds}-fold CV`);
const featureSets: [string, Partial<FeatureConfig>, WordSegmenter?][] = [
  ['char 1–2-grams', { charMin: 1, charMax: 2 }],
  ['char 1–3-grams', { charMin: 1, charMax: 3, bits: 20 }],
  ['Intl.Segmenter words', { charMax: 0, words: 'intl' }],
  ['jieba-wasm words', { charMax: 0, words: 'custom' }, jiebaWords],
  ['char 1–2 + Intl words', { charMin: 1, charMax: 2, words: 'intl', bits: 19 }],
  ['char 1–2 + jieba words', { charMin: 1, charMax: 2, words: 'custom', bits: 19 }, jiebaWords],
];
let charRaw: SparseVec[] = [];
for (const [name, part, seg] of featureSets) {
  const vz = new HashingVectorizer({ ...DEFAULT_FEATURES, bits: 18, ...part }, seg);
  t = performance.now();
  const raw = texts.map((s) => vz.countsNormalized(s));
  const featS = (performance.now() - t) / 1000;
  if (name === 'char 1–2-grams') charRaw = raw;
  const r = cv(raw, vz.dim, [['svm', svm]]).get('svm')!;
  console.log(
    `  ${name.padEnd(24)} accuracy ${r.acc.toFixed(4)}  macro-F1 ${r.f1.toFixed(4)}  features ${Math.round(texts.length / featS)} msgs/s`,
  );
}

// ------------------------------------------------------------------ 3. models
console.log(`\n3. models on char 1–2-gram TF-IDF features, ${folds}-fold CV (train s = mean per fold)`);
const models: [string, Trainer][] = [
  ['multinomial NB α=0.005', (X, yy) => trainNaiveBayes(X, yy, K, { alpha: 0.005 })],
  ['complement NB α=0.02', (X, yy) => trainNaiveBayes(X, yy, K, { alpha: 0.02, complement: true })],
  ['softmax LR λ=3e-6', (X, yy) => trainSoftmax(X, yy, K, { lambda: 3e-6 })],
  ['linear SVM C=0.5', (X, yy) => trainLinearSvm(X, yy, K, { C: 0.5 })],
  ['linear SVM C=2', (X, yy) => trainLinearSvm(X, yy, K, { C: 2 })],
  ['linear SVM C=2 balanced', svm],
  ['linear SVM C=4 balanced', (X, yy) => trainLinearSvm(X, yy, K, { C: 4, balanced: true })],
];
const nbCounts: [string, Trainer][] = [
  ['multinomial NB α=0.1 (counts)', (X, yy) => trainNaiveBayes(X, yy, K, { alpha: 0.1 })],
  ['multinomial NB α=1 (counts)', (X, yy) => trainNaiveBayes(X, yy, K, { alpha: 1 })],
  ['complement NB α=0.3 (counts)', (X, yy) => trainNaiveBayes(X, yy, K, { alpha: 0.3, complement: true })],
];
for (const [name, r] of cv(charRaw, 1 << 18, nbCounts, true))
  console.log(`  ${name.padEnd(30)} accuracy ${r.acc.toFixed(4)}  macro-F1 ${r.f1.toFixed(4)}  train ${r.s.toFixed(2)} s`);
for (const [name, r] of cv(charRaw, 1 << 18, models))
  console.log(`  ${name.padEnd(30)} accuracy ${r.acc.toFixed(4)}  macro-F1 ${r.f1.toFixed(4)}  train ${r.s.toFixed(2)} s`);
