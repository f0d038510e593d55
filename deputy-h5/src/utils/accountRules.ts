import { MOBILE_PATTERN, UNIT_NAME_MAX } from '@minqing/shared';

/**
 * The account form's checks, mirroring createStaffUserSchema / updateUserSchema in
 * shared/src/admin.ts with the same Chinese messages, so the admin reads the same words
 * before sending as the server would answer. Written out rather than running the zod schemas:
 * the apps keep zod out of their bundles. Each returns true or the message to show.
 */
type Check = (value: string) => true | string;

// the same set as the schema's: control characters, zero-width and direction marks, BOM
const INVISIBLE = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export const checkName: Check = (raw) => {
  const v = raw.trim();
  if (!v) return '请填写姓名';
  if (v.length > 32) return '姓名最多32个字';
  return INVISIBLE.test(v) ? '姓名含有不可见字符' : true;
};

/** 承办单位's name (createUnitSchema / updateUnitSchema). */
export const checkUnitName: Check = (raw) => {
  const v = raw.trim();
  if (!v) return '请填写单位名称';
  if (v.length > UNIT_NAME_MAX) return `单位名称最多${UNIT_NAME_MAX}个字`;
  return INVISIBLE.test(v) ? '单位名称含有不可见字符' : true;
};

/** Optional: empty is allowed. */
export const checkPhone: Check = (raw) => {
  const v = raw.trim();
  return !v || MOBILE_PATTERN.test(v) ? true : '请输入正确的11位手机号码';
};

/** `missing` is the message when it is required and empty (it depends on the role and the username). */
export const checkDingUserId = (raw: string, missing: string | null): true | string => {
  const v = raw.trim();
  if (!v) return missing ?? true;
  if (v.length > 64) return '浙政钉账号最多64个字符';
  return /^[A-Za-z0-9_.@-]+$/.test(v) ? true : '浙政钉账号只能包含字母、数字和 _ . @ -';
};

export const checkUsername = (raw: string, required: boolean): true | string => {
  const v = raw.trim();
  if (!v) return required ? '请填写用户名' : true;
  return /^[A-Za-z0-9_.-]{3,32}$/.test(v) ? true : '用户名为3–32位字母、数字或 _ . -';
};

/** Passwords are not trimmed (the schema does not trim them either). */
export const checkPassword = (v: string, required: boolean, missing = '请设置初始密码'): true | string => {
  if (!v) return required ? missing : true;
  if (v.length < 8) return '密码至少8位';
  if (v.length > 72) return '密码最多72位';
  return /[A-Za-z]/.test(v) && /\d/.test(v) ? true : '密码须同时包含字母和数字';
};

/** 联络站's texts (createStationSchema / updateStationSchema): required, at most `max` characters, nothing invisible. */
export const checkStationText =
  (label: string, max: number, missing: string): Check =>
  (raw) => {
    const v = raw.trim();
    if (!v) return missing;
    if (v.length > max) return `${label}最多${max}个字`;
    return INVISIBLE.test(v) ? `${label}含有不可见字符` : true;
  };
