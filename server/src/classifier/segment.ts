/**
 * Segmentation: split normalised text into the units that features are built
 * from. Pure (Intl.Segmenter is an ECMAScript built-in, no Node import).
 *
 * Two production segmenters:
 *  - `contentRuns`: maximal runs of letters/digits/CJK ideographs (punctuation
 *    and spaces break runs); character n-grams are taken inside runs;
 *  - `intlWords`: ICU dictionary word segmentation (Intl.Segmenter 'zh').
 * jieba-wasm was measured too (scripts/compare-segmenters.ts) but is not a
 * runtime dependency — see docs/classifier.md.
 */

export type WordSegmenter = (text: string) => string[];

const RUN_RE = /[\p{L}\p{N}]+/gu;

/** maximal runs of letters, digits and ideographs */
export function contentRuns(text: string): string[] {
  return text.match(RUN_RE) ?? [];
}

let intl: Intl.Segmenter | undefined;

/** ICU word segmentation; keeps word-like segments only */
export function intlWords(text: string): string[] {
  intl ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of intl.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** character n-grams (n in [min, max]) inside each content run */
export function charNgrams(text: string, min = 1, max = 2): string[] {
  const out: string[] = [];
  for (const run of contentRuns(text)) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      let g = '';
      for (let n = 1; n <= max && i + n <= chars.length; n++) {
        g += chars[i + n - 1];
        if (n >= min) out.push(g);
      }
    }
  }
  return out;
}
