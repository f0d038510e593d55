import { z } from 'zod';

const KIND: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  nan: '数字',
  boolean: '是或否（true 或 false）',
  object: '对象',
  record: '对象',
  array: '列表',
  tuple: '列表',
  set: '列表',
  map: '对象',
  date: '日期',
  file: '文件',
  null: '空值',
};
const kindOf = (value: unknown): string => {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'boolean') return '布尔值';
  if (typeof value === 'number') return Number.isNaN(value) ? '非数字' : Number.isInteger(value) ? '整数' : '小数';
  return KIND[typeof value] ?? '其他内容';
};

const FORMAT: Record<string, string> = {
  email: '邮箱地址',
  url: '网址',
  date: '日期（YYYY-MM-DD）',
  datetime: '时间',
  time: '时间',
  uuid: '编号',
  e164: '电话号码',
};

const sizeUnit = (origin: string) =>
  origin === 'string' ? '个字' : origin === 'array' || origin === 'set' ? '项' : origin === 'file' ? '字节' : '';

/**
 * The words for an issue a schema did not word itself (the shared schemas word what people
 * type; the rest is what an API client gets wrong): in Chinese, like every other message, and
 * for every kind zod raises. The field is named separately (`error.field`).
 */
export const chineseIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '请填写此项';
      return `应为${KIND[issue.expected] ?? '其他格式'}，不能是${kindOf(issue.input)}`;
    case 'too_small': {
      const unit = sizeUnit(issue.origin);
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return '请填写此项';
      if (unit) return issue.exact ? `应为${issue.minimum}${unit}` : `至少${issue.minimum}${unit}`;
      return issue.inclusive === false ? `须大于${issue.minimum}` : `不能小于${issue.minimum}`;
    }
    case 'too_big': {
      const unit = sizeUnit(issue.origin);
      if (unit) return issue.exact ? `应为${issue.maximum}${unit}` : `最多${issue.maximum}${unit}`;
      return issue.inclusive === false ? `须小于${issue.maximum}` : `不能大于${issue.maximum}`;
    }
    case 'invalid_format':
      return `${FORMAT[issue.format] ?? ''}格式不正确`;
    case 'not_multiple_of':
      return `须是${issue.divisor}的倍数`;
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return '不是可选的值';
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_key':
      return '含有不正确的键名';
    case 'invalid_element':
      return '含有不正确的项';
    case 'custom':
      return '内容不正确';
    default:
      return undefined;
  }
};

// zod's own zh-CN words stay under ours for any kind of issue a later zod adds
z.config(z.locales.zhCN());
z.config({ customError: chineseIssueMessage });
