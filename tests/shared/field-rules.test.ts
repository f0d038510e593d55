import { describe, expect, it } from 'vitest';
import {
  createDeputySchema,
  createStaffUserSchema,
  createStationSchema,
  createUnitSchema,
  createVillageSchema,
  deputyRules,
  intRule,
  nameRule,
  orEmpty,
  passwordRule,
  phoneRule,
  stationRules,
  unitRules,
  villageRules,
  type Check,
} from '@minqing/shared';
import type { z } from 'zod';

/** The server's first message for `field` (what the API answers), or true when it accepts the value. */
function serverSays(schema: z.ZodType, base: Record<string, unknown>, field: string, value: string): true | string {
  const r = schema.safeParse({ ...base, [field]: value });
  if (r.success) return true;
  const issue = r.error.issues.find((i) => i.path[0] === field);
  return issue ? issue.message : true;
}

const ZW = '\u200B';
const cases: [string, Check, z.ZodType, Record<string, unknown>, string, string[]][] = [
  ['姓名', nameRule, createStaffUserSchema, { role: 'admin', dingUserId: 'x' }, 'name', ['', '  ', '王'.repeat(33), `王${ZW}芳`, '王芳']],
  ['手机号', phoneRule, createStaffUserSchema, { role: 'admin', name: '王芳', dingUserId: 'x' }, 'phone', ['123', '13800000000']],
  [
    '密码',
    passwordRule,
    createStaffUserSchema,
    { role: 'admin', name: '王芳', username: 'wang' },
    'password',
    ['abc', 'abcdefgh', 'abcdefg1', 'a1'.repeat(40)],
  ],
  ['单位名称', unitRules.name, createUnitSchema, { kind: 'department' }, 'name', ['', '局'.repeat(33), `局${ZW}`, '市交通局']],
  ['单位编号', unitRules.id, createUnitSchema, { name: '局', kind: 'department' }, 'id', ['U1', 'u-001']],
  [
    '联络站地址',
    stationRules.address,
    createStationSchema,
    { name: '站', regionId: 'danghu', receptionDays: '每月' },
    'address',
    ['', `路${ZW}`, '东湖路8号'],
  ],
  ['村（社区）名称', villageRules.name, createVillageSchema, { townId: 'danghu' }, 'name', ['', `村\u202E`, '东湖社区']],
  [
    '选区',
    deputyRules.constituency,
    createDeputySchema,
    { name: '王芳', level: 'city', regionId: 'danghu' },
    'constituency',
    ['', '区'.repeat(65), '第2选区'],
  ],
  [
    '代表编号',
    deputyRules.code,
    createDeputySchema,
    { name: '王芳', level: 'city', regionId: 'danghu', constituency: '区' },
    'code',
    ['d1', 'D035'],
  ],
];

describe('field rules: one source for the zod schemas and the staff app’s form rules', () => {
  it.each(cases)(
    'should give the same verdict and message for %s in the form and at the server',
    (_label, check, schema, base, field, values) => {
      for (const v of values) expect(check(v), JSON.stringify(v)).toBe(serverSays(schema, base, field, v));
    },
  );

  it('should tell the missing message or the shape message, and only the first fault', () => {
    expect(nameRule('')).toBe('请填写姓名');
    expect(nameRule(`王${ZW}`)).toBe('姓名含有不可见字符');
    expect(stationRules.receptionDays('')).toBe('请填写接待日（如 每月15日上午）');
    expect(passwordRule('abcdefgh')).toBe('密码须同时包含字母和数字');
  });

  it('should let an optional field stay empty, or ask for it when it is required', () => {
    expect(orEmpty(phoneRule)('')).toBe(true);
    expect(orEmpty(phoneRule)('123')).toBe('请输入正确的11位手机号码');
    expect(orEmpty(passwordRule, '请设置初始密码')('')).toBe('请设置初始密码');
  });

  it('should accept only whole numbers in range for 排序', () => {
    const sort = intRule({ min: 0, max: 9999 });
    expect(sort('12')).toBe(true);
    expect(sort('')).toBe('排序为 0–9999 的整数');
    expect(sort('1.5')).toBe('排序为 0–9999 的整数');
    expect(sort('10000')).toBe('排序为 0–9999 的整数');
  });
});
