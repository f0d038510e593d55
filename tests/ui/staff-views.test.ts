// @vitest-environment happy-dom
/**
 * The staff app's view utils: status words and colours, which actions sit in the bar under a
 * case and which under 更多, what each action's form asks for, the holiday page's lines and
 * checks, and what a scanned QR code means. Pure functions, so no browser is needed.
 */
import { describe, expect, it } from 'vitest';
import { TRANSITIONS, type CaseAction, type CaseStatus, type HolidayDay, type Role } from '@minqing/shared';
import { actionLabel, sortActions, splitActions, statusLabel, statusTagType } from '../../deputy-h5/src/features/cases/caseView';
import { NOTE_RULES, buildTransition, type ActionFormState } from '../../deputy-h5/src/features/cases/actionInput';
import {
  checkDate,
  checkName,
  chinaToday,
  festivalOf,
  groupHolidays,
  holidayLine,
  workdayLine,
} from '../../deputy-h5/src/features/settings/holidayView';
import { parseScan } from '../../deputy-h5/src/features/field/scanTarget';

/** What the server lists for `role` in `status` (the lifecycle table), as allowedActions would. */
const allowed = (role: Role, status: CaseStatus): CaseAction[] => [
  ...new Set(TRANSITIONS.filter((t) => t.roles.includes(role) && t.from.includes(status)).map((t) => t.action as CaseAction)),
];

describe('caseView', () => {
  it('should name a closed case by why it closed, unless the citizen rated it', () => {
    expect(statusLabel({ status: 'closed', closeReason: 'withdrawn' })).toBe('群众撤回');
    expect(statusLabel({ status: 'closed', closeReason: 'rated' })).toBe('已办结');
    expect(statusLabel({ status: 'handling', closeReason: null })).toBe('办理中');
  });

  it('should colour new cases red, waiting ones orange, replied ones green', () => {
    expect(statusTagType('submitted')).toBe('danger');
    expect(['acknowledged', 'triage', 'assigned'].map((s) => statusTagType(s as CaseStatus))).toEqual(['warning', 'warning', 'warning']);
    expect(statusTagType('handling')).toBe('primary');
    expect(statusTagType('replied')).toBe('success');
    expect(statusTagType('closed')).toBe('default');
  });

  it('should put the step that moves the case on first and side actions under 更多', () => {
    expect(splitActions(['note', 'reject', 'acknowledge', 'supplement'])).toEqual({
      primary: ['acknowledge', 'reject'],
      more: ['supplement', 'note'],
    });
    expect(splitActions(['close', 'urge', 'merge', 'assign'])).toEqual({ primary: ['assign', 'urge', 'merge', 'close'], more: [] });
    expect(splitActions(['close', 'urge', 'merge', 'assign', 'reject'])).toEqual({
      primary: ['assign', 'urge', 'merge'],
      more: ['reject', 'close'],
    });
    expect(sortActions(['rate', 'sign'])).toEqual(['sign', 'rate']);
    expect(actionLabel('request_extension')).toBe('申请延期');
  });

  it('should show each role the buttons the lifecycle gives it for a case, the main step first', () => {
    // a deputy with a new case: 受理 leads; the office with an acknowledged one: 交办 leads;
    // a unit with an assigned case: 签收 leads, 退回 waits under the bar or 更多
    expect(splitActions(allowed('deputy', 'submitted')).primary[0]).toBe('acknowledge');
    expect(splitActions(allowed('office', 'triage')).primary[0]).toBe('assign');
    const unit = splitActions(allowed('unit', 'assigned'));
    expect(unit.primary[0]).toBe('sign');
    expect([...unit.primary, ...unit.more]).toContain('return');
    const handling = splitActions(allowed('unit', 'handling'));
    expect(handling.primary[0]).toBe('reply');
    expect([...handling.primary, ...handling.more]).toEqual(expect.arrayContaining(['request_extension']));
    // an action the server did not list is never offered
    expect([...handling.primary, ...handling.more]).not.toContain('assign');
  });
});

describe('actionInput', () => {
  const form = (over: Partial<ActionFormState> = {}): ActionFormState => ({
    note: '',
    unitId: '',
    categoryId: '',
    type: 'help',
    days: 5,
    rating: '',
    targetCaseId: '',
    ...over,
  });
  const ctx = { caseType: 'help' as const, photoIds: [] as string[], photosBusy: false };

  it('should ask for a required note by its name, and for a longer one by its minimum', () => {
    expect(buildTransition('reject', form(), ctx)).toBe('请填写不予受理的理由');
    expect(buildTransition('reject', form({ note: '否' }), ctx)).toBe('不予受理的理由至少2个字');
    expect(buildTransition('reply', form({ note: '  ' }), ctx)).toBe('请填写答复内容');
    expect(buildTransition('return', form({ note: '不属本单位' }), ctx)).toEqual({ action: 'return', note: '不属本单位' });
    expect(NOTE_RULES.acknowledge).toMatchObject({ min: 0, placeholder: '选填' });
  });

  it('should send optional notes only when there is one', () => {
    expect(buildTransition('acknowledge', form(), ctx)).toEqual({ action: 'acknowledge' });
    expect(buildTransition('urge', form({ note: ' 请加快 ' }), ctx)).toEqual({ action: 'urge', note: '请加快' });
  });

  it('should wait for photos still uploading, and send the saved ones with a reply', () => {
    expect(buildTransition('reply', form({ note: '已修复' }), { ...ctx, photosBusy: true })).toBe('照片正在上传，请稍候');
    expect(buildTransition('reply', form({ note: '已修复' }), { ...ctx, photoIds: ['p1'] })).toEqual({
      action: 'reply',
      note: '已修复',
      photoIds: ['p1'],
    });
    expect(buildTransition('supplement', form(), ctx)).toBe('请填写补充内容或上传照片');
    expect(buildTransition('supplement', form(), { ...ctx, photoIds: ['p2'] })).toEqual({ action: 'supplement', photoIds: ['p2'] });
  });

  it('should need a unit to assign to, and send the type only when it changed', () => {
    expect(buildTransition('assign', form(), ctx)).toBe('请选择承办单位');
    expect(buildTransition('assign', form({ unitId: 'zjj', categoryId: 'road' }), ctx)).toEqual({
      action: 'assign',
      unitId: 'zjj',
      categoryId: 'road',
    });
    expect(buildTransition('assign', form({ unitId: 'zjj', type: 'complaint' }), ctx)).toEqual({
      action: 'assign',
      unitId: 'zjj',
      type: 'complaint',
    });
  });

  it('should build extension, evaluation and merge requests, and refuse them incomplete', () => {
    expect(buildTransition('request_extension', form({ note: '需要招标', days: 3 }), ctx)).toEqual({
      action: 'request_extension',
      days: 3,
      note: '需要招标',
    });
    expect(buildTransition('request_extension', form(), ctx)).toBe('请填写延期理由');
    expect(buildTransition('evaluate', form(), ctx)).toBe('请选择评价');
    expect(buildTransition('evaluate', form({ rating: 'satisfied', note: '很好' }), ctx)).toEqual({
      action: 'evaluate',
      rating: 'satisfied',
      comment: '很好',
    });
    expect(buildTransition('merge', form({ targetCaseId: ' ' }), ctx)).toBe('请选择要合并到的民情件');
    expect(buildTransition('merge', form({ targetCaseId: ' MQ123456 ' }), ctx)).toEqual({ action: 'merge', targetCaseId: 'MQ123456' });
    expect(buildTransition('rate', form(), ctx)).toBe('暂不支持该操作');
  });
});

describe('holidayView', () => {
  const day = (date: string, name: string, kind: HolidayDay['kind'] = 'holiday') => ({ date, name, kind }) as HolidayDay;

  it('should group a festival’s days with its 调休上班 days and join consecutive days into runs', () => {
    const groups = groupHolidays([
      day('2026-02-28', '春节调休上班', 'workday'),
      day('2026-02-16', '春节'),
      day('2026-02-15', '春节'),
      day('2026-02-14', '春节调休上班', 'workday'),
      day('2026-02-17', '春节'),
      day('2026-06-19', '端午节'),
    ]);
    expect(groups.map((g) => g.name)).toEqual(['春节', '端午节']);
    expect(groups[0]!.holidays).toEqual([{ from: '2026-02-15', to: '2026-02-17', days: 3 }]);
    expect(groups[0]!.workdays).toEqual(['2026-02-14', '2026-02-28']);
    expect(holidayLine(groups[0]!)).toBe('2月15日–2月17日 放假（3天）');
    expect(workdayLine(groups[0]!)).toBe('2月14日（周六）、2月28日（周六）调休上班');
    expect(holidayLine(groups[1]!)).toBe('6月19日（周五）放假');
    expect(workdayLine(groups[1]!)).toBe('');
    expect(festivalOf('国庆节调休')).toBe('国庆节');
  });

  it('should check a new day as the API does, in words for people', () => {
    expect(checkDate('', 'holiday', 2027, [])).toBe('请选择日期');
    expect(checkDate('2027-02-30', 'holiday', 2027, [])).toBe('日期不存在：2027-02-30');
    expect(checkDate('2026-10-01', 'holiday', 2027, [])).toBe('日期须在2027年内');
    expect(checkDate('2027-10-01', 'holiday', 2027, ['2027-10-01'])).toBe('10月1日已录入，如需修改请先删除原来的');
    expect(checkDate('2027-10-08', 'workday', 2027, [])).toBe('调休上班日须是周六或周日');
    expect(checkDate('2027-10-09', 'workday', 2027, [])).toBe(true);
    expect(checkName('  ')).toBe('请填写名称（如春节）');
    expect(checkName('节'.repeat(21))).toBe('名称最多20个字');
    expect(checkName('春\u200b节')).toBe('名称含有不可见字符');
    expect(checkName(' 春节 ')).toBe(true);
  });

  it('should take today as Beijing’s date', () => {
    expect(chinaToday(Date.parse('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});

describe('scanTarget', () => {
  it('should read receipt, station and deputy QR codes and bare tracking numbers', () => {
    expect(parseScan('https://mq.example.cn/deputy/cases/MQ2026ABC')).toEqual({ kind: 'case', id: 'MQ2026ABC' });
    expect(parseScan(' https://mq.example.cn/deputy/checkin/st-1?k=abc ')).toEqual({ kind: 'checkin', stationId: 'st-1', key: 'abc' });
    expect(parseScan('https://mq.example.cn/citizen/d/D007/')).toEqual({ kind: 'deputy', code: 'D007' });
    expect(parseScan('MQ2026ABC')).toEqual({ kind: 'case', id: 'MQ2026ABC' });
  });

  it('should call anything else unknown, a station QR without its key too', () => {
    expect(parseScan('https://mq.example.cn/deputy/checkin/st-1')).toEqual({
      kind: 'unknown',
      text: 'https://mq.example.cn/deputy/checkin/st-1',
    });
    expect(parseScan('https://evil.example/whatever')).toMatchObject({ kind: 'unknown' });
    expect(parseScan('你好')).toEqual({ kind: 'unknown', text: '你好' });
  });
});
