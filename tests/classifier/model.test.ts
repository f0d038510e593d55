import { describe, it, expect } from 'vitest';
import { trainClassifier, createClassifier, LABELS, type CategoryLabel } from '../../server/src/classifier/index.js';
import { bytesToBase64, base64ToBytes } from '../../server/src/classifier/codec.js';
import { normalizeText, stripPlaces, normalizeWidth } from '../../server/src/classifier/normalize.js';
import { evaluate } from '../../server/src/classifier/metrics.js';

const TOPICS: Record<CategoryLabel, string[]> = {
  城乡建设: ['路灯坏了', '物业不作为', '违章建筑', '拆迁安置房', '小区下水道堵塞'],
  环境保护: ['工厂排放废气', '河道污染发臭', '噪音扰民', '焚烧垃圾', '养殖场臭气'],
  交通运输: ['公交班次少', '出租车不打表', '货车超载', '驾校乱收费', '客运班车取消'],
  教育文体: ['老师有偿补课', '学校作业太多', '入学学区划分', '幼儿园收费高', '体育馆不开放'],
  劳动和社会保障: ['拖欠工资', '不交社保', '工伤认定', '养老金领取', '失业补贴'],
  商贸旅游: ['超市卖过期食品', '景区门票涨价', '预付卡跑路', '缺斤少两', '保健品骗老人'],
  卫生计生: ['医院排队太久', '疫苗缺货', '生育登记', '诊所无证行医', '药店卖处方药'],
};

function rows(): { text: string; label: CategoryLabel }[] {
  const out: { text: string; label: CategoryLabel }[] = [];
  for (const label of LABELS)
    for (const t of TOPICS[label]) for (const p of ['我家附近', '请问', '强烈反映']) out.push({ text: `${p}${t}，希望处理`, label });
  return out;
}

describe('model', () => {
  it('should round-trip through JSON with identical suggestions', () => {
    const model = trainClassifier(rows(), { folds: 3 });
    const a = createClassifier(model);
    const b = createClassifier(JSON.parse(JSON.stringify(model)));
    for (const text of ['附近工厂排放废气', '老板拖欠工资', '景区门票又涨价了']) expect(b.suggest(text)).toEqual(a.suggest(text));
    expect(a.suggest('附近工厂排放废气').categories[0]!.label).toBe('环境保护');
  });

  it('should be reproducible for the same seed', () => {
    const a = trainClassifier(rows(), { folds: 3, seed: 5 });
    const b = trainClassifier(rows(), { folds: 3, seed: 5 });
    expect(b.weights).toBe(a.weights);
    expect(b.calibrationA).toBe(a.calibrationA);
  });
});

describe('normalisation', () => {
  it('should map full-width letters and digits to half-width and lower case', () => {
    expect(normalizeWidth('ＡＢＣ１２３，')).toBe('abc123,');
  });

  it('should remove pseudonymised and Pinghu place names', () => {
    expect(normalizeText('西地省A市K8县A3区D12市M6州的问题')).toBe('的问题');
    expect(normalizeText('平湖市当湖街道、钟埭街道、曹桥街道、乍浦镇、新埭、新仓镇、独山港镇、黄姑镇、广陈镇、林埭镇')).toBe(
      '、 、 、 、 、 、 、 、 、',
    );
    expect(normalizeText('浙江省嘉兴市平湖的路')).toBe('的路');
    // ordinary words that contain a town's name without its suffix stay
    expect(stripPlaces('新仓库')).toBe('新仓库');
  });
});

describe('codec and metrics', () => {
  it('should round-trip bytes through base64', () => {
    for (const n of [0, 1, 2, 3, 4, 1000, 12289]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 255);
      expect(base64ToBytes(bytesToBase64(b))).toEqual(b);
    }
    expect(bytesToBase64(new TextEncoder().encode('民情'))).toBe(Buffer.from('民情').toString('base64'));
  });

  it('should compute accuracy, macro-F1 and the confusion matrix', () => {
    const m = evaluate([0, 0, 1, 1], [0, 1, 1, 1], 2);
    expect(m.accuracy).toBe(0.75);
    expect(m.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(m.perClass[0]!.recall).toBe(0.5);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
});
