import {
  DEPUTY_CODE_PATTERN,
  DEPUTY_LIMITS,
  STATION_ID_PATTERN,
  STATION_LIMITS,
  UNIT_ID_PATTERN,
  UNIT_NAME_MAX,
  VILLAGE_NAME_MAX,
} from './admin-constants.js';
import { MOBILE_PATTERN } from './phone.js';

/*
 * The admin forms' field rules, once: the zod schemas (admin.ts) run them through `zodCheck`, and
 * the staff app turns the same functions into Vant rules, so the form says what the server would
 * answer, word for word. Plain functions without zod: the apps keep zod out of their bundles.
 */

/** A field's check: true, or the message to show. Text is checked as the server sees it (trimmed). */
export type Check = (value: string) => true | string;

/** Control characters, zero-width and direction marks, BOM: nothing a name or an address may hide. */
export const INVISIBLE_CHARS = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** Required one-line text of at most `max` characters (`missing`: the message when empty); nothing invisible unless `allowInvisible`. */
export const textRule =
  (label: string, max: number, missing = `请填写${label}`, allowInvisible = false): Check =>
  (raw) => {
    const v = raw.trim();
    if (!v) return missing;
    if (v.length > max) return `${label}最多${max}个字`;
    return !allowInvisible && INVISIBLE_CHARS.test(v) ? `${label}含有不可见字符` : true;
  };

/** Text of at most `max` characters (an empty one is fine). */
export const maxRule =
  (label: string, max: number): Check =>
  (raw) =>
    raw.trim().length > max ? `${label}最多${max}个字` : true;

/** Text that matches `pattern` (trimmed). */
export const patternRule =
  (pattern: RegExp, message: string): Check =>
  (raw) =>
    pattern.test(raw.trim()) ? true : message;

/** `check` for what is filled in; empty is fine, or `missing` when the field is required (ids the server assigns, optional logins). */
export const orEmpty =
  (check: Check, missing: string | null = null): Check =>
  (v) =>
    v.trim() ? check(v) : (missing ?? true);

/** A value picked from a list: anything but empty. */
export const pickedRule =
  (missing: string): Check =>
  (v) =>
    v ? true : missing;

/** A whole number in a range (排序). */
export const intRule =
  (range: { min: number; max: number }, message = `排序为 ${range.min}–${range.max} 的整数`): Check =>
  (raw) => {
    const n = Number(raw);
    return raw !== '' && Number.isInteger(n) && n >= range.min && n <= range.max ? true : message;
  };

export const nameRule = textRule('姓名', 32);
export const phoneRule = patternRule(MOBILE_PATTERN, '请输入正确的11位手机号码');

/** The workplace app's (浙政钉) user id. */
export const dingUserIdRule: Check = (raw) => {
  const v = raw.trim();
  if (!v) return '请填写浙政钉账号';
  if (v.length > 64) return '浙政钉账号最多64个字符';
  return /^[A-Za-z0-9_.@-]+$/.test(v) ? true : '浙政钉账号只能包含字母、数字和 _ . @ -';
};

export const usernameRule = patternRule(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3–32位字母、数字或 _ . -');

/** At least 8 characters with a letter and a digit; not trimmed (password login is for office and admin, on desktops). */
export const passwordRule: Check = (v) => {
  if (v.length < 8) return '密码至少8位';
  if (v.length > 72) return '密码最多72位';
  return /[A-Za-z]/.test(v) && /\d/.test(v) ? true : '密码须同时包含字母和数字';
};

/** The admin lists' own texts (an id or code the server assigns when left empty is checked only when given). */
export const deputyRules = {
  code: patternRule(DEPUTY_CODE_PATTERN, '代表编号为3–16位大写字母或数字，以字母开头（如 D035）'),
  constituency: textRule('选区', DEPUTY_LIMITS.constituency, '请填写选区', true),
  bio: maxRule('简介', DEPUTY_LIMITS.bio),
};
export const unitRules = {
  id: patternRule(UNIT_ID_PATTERN, '单位编号为2–32位小写字母、数字或 -，以字母开头（如 u-001）'),
  name: textRule('单位名称', UNIT_NAME_MAX),
};
export const stationRules = {
  id: patternRule(STATION_ID_PATTERN, '联络站编号为2–32位小写字母、数字或 -，以字母开头（如 st-001）'),
  name: textRule('联络站名称', STATION_LIMITS.name),
  address: textRule('地址', STATION_LIMITS.address, '请填写联络站地址'),
  receptionDays: textRule('接待日', STATION_LIMITS.receptionDays, '请填写接待日（如 每月15日上午）'),
};
export const villageRules = { name: textRule('村（社区）名称', VILLAGE_NAME_MAX) };
