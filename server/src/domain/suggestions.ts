import type { Suggestions } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';

/**
 * 马上分: the suggested category and unit for a case, and similar open cases. Until the
 * trained classifier is wired in, this ranks categories by keyword hits and always asks
 * for a person's judgement (needsReview) — it never pretends to be sure.
 */
const KEYWORDS: Record<string, string[]> = {
  construction: ['路灯', '道路', '拆迁', '小区', '物业', '违建', '施工', '房屋', '自来水', '停水', '井盖', '绿化', '垃圾'],
  environment: ['污染', '噪音', '噪声', '排放', '臭', '废水', '河道', '油烟', '粉尘', '环保'],
  transport: ['公交', '交通', '红绿灯', '停车', '出租车', '客运', '道路拥堵', '班车', '驾驶'],
  education: ['学校', '幼儿园', '教育', '老师', '学生', '入学', '体育', '文化', '图书馆'],
  labor: ['社保', '工资', '养老', '医保', '就业', '劳动', '退休', '欠薪', '失业'],
  commerce: ['商店', '超市', '价格', '消费', '旅游', '市场', '商家', '快递'],
  health: ['医院', '医生', '卫生', '疫苗', '看病', '计生', '诊所', '药'],
};

export function suggestionsFor(deps: Deps, c: CaseRow): Suggestions {
  const text = `${c.title} ${c.body}`;
  const raw = deps.reference.categories().map((cat) => ({
    cat,
    hits: (KEYWORDS[cat.id] ?? []).filter((k) => text.includes(k)).length,
  }));
  const total = raw.reduce((s, r) => s + r.hits + 0.5, 0);
  const categories = raw
    .map((r) => ({ id: r.cat.id, name: r.cat.name, score: (r.hits + 0.5) / total }))
    .sort((a, b) => b.score - a.score);
  const units = categories
    .slice(0, 3)
    .map((cat) => {
      const unitId = deps.reference.category(cat.id)?.default_unit_id;
      const unit = unitId ? deps.reference.unit(unitId) : undefined;
      return unit ? { id: unit.id, name: unit.name, score: cat.score } : null;
    })
    .filter((u): u is NonNullable<typeof u> => u !== null);
  return { categories, units, similar: [], needsReview: true, reason: 'low_confidence' };
}
