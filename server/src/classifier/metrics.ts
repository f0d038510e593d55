/** Evaluation metrics: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix. Pure. */

export interface Metrics {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: { precision: number; recall: number; f1: number; support: number }[];
  /** confusion[true][predicted] */
  confusion: number[][];
}

export function evaluate(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, K: number): Metrics {
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) {
    confusion[yTrue[i]!]![yPred[i]!]!++;
    if (yTrue[i] === yPred[i]) correct++;
  }
  const perClass = confusion.map((row, c) => {
    const tp = row[c]!;
    const support = row.reduce((a, v) => a + v, 0);
    const predicted = confusion.reduce((a, r) => a + r[c]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
  return {
    n: yTrue.length,
    accuracy: yTrue.length ? correct / yTrue.length : 0,
    macroF1: perClass.reduce((a, p) => a + p.f1, 0) / K,
    perClass,
    confusion,
  };
}
