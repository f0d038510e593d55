/**
 * Text normalisation for the classifier: one job — turn raw message text into
 * a canonical, place-independent string.
 *
 *  - Unicode NFKC: full-width letters/digits/punctuation → half-width
 *    (Ａ１２ → A12, ，→ ,), compatibility ideographs → unified ones;
 *  - lower case (Latin);
 *  - place names removed, so that features never depend on them:
 *      · the data set's pseudonyms: A市, K8县, A3区, M6州, 西地省;
 *      · real provinces (浙江省, 湖北省 …), 嘉兴/平湖 and Pinghu's towns and
 *        sub-districts (当湖街道, 乍浦镇 …), which real messages name;
 *    each is replaced by a space, so no n-gram spans the gap;
 *  - whitespace runs collapsed.
 *
 * Pure: no Node imports.
 */

/** Pinghu's sub-districts (街道) and towns (镇), 平湖市 (嘉兴市, 浙江省). */
export const PINGHU_PLACES = [
  '当湖街道',
  '钟埭街道',
  '曹桥街道',
  '乍浦镇',
  '新埭镇',
  '新仓镇',
  '独山港镇',
  '黄姑镇',
  '广陈镇',
  '林埭镇',
] as const;

const PROVINCES = [
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '西地',
];

// Bare town names (without 镇/街道) are stripped too, except 新仓 / 黄姑 / 广陈,
// which are ordinary words or parts of words (新仓库) without their suffix.
const TOWN_STEMS_SAFE = ['当湖', '钟埭', '曹桥', '乍浦', '新埭', '独山港', '林埭'];
const TOWN_STEMS_SUFFIX_ONLY = ['新仓', '黄姑', '广陈'];

const PLACE_RE = new RegExp(
  [
    // pseudonymised places of the data set: A市, K8县, A3区, D12市, M6州 (after NFKC + lower case)
    '[a-z]\\d{0,3}(?:市|县|区|州)',
    // provinces, incl. the pseudonym 西地省
    `(?:${PROVINCES.join('|')})省`,
    '浙江',
    // city and county-level city
    '嘉兴市?',
    '平湖市?',
    // Pinghu's towns and sub-districts, with or without suffix
    `(?:${TOWN_STEMS_SAFE.join('|')})(?:街道|镇)?`,
    `(?:${TOWN_STEMS_SUFFIX_ONLY.join('|')})(?:街道|镇)`,
  ].join('|'),
  'g',
);

/** NFKC (full → half width), lower case. Keeps everything else. */
export function normalizeWidth(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Replace place names (pseudonymised and real) by a space. Input must be width-normalised. */
export function stripPlaces(text: string): string {
  return text.replace(PLACE_RE, ' ');
}

/** The canonical form used by every feature extractor. */
export function normalizeText(text: string): string {
  return normalizeFromWidth(normalizeWidth(text));
}

/** normalizeText for a text already passed through normalizeWidth */
export function normalizeFromWidth(width: string): string {
  return stripPlaces(width).replace(/\s+/g, ' ').trim();
}

/** Only letters, digits and CJK ideographs: the key used to find exact duplicates. */
export function compactText(text: string): string {
  return normalizeWidth(text).replace(/[^\p{L}\p{N}]+/gu, '');
}
