import { describe, expect, it } from 'vitest';
import { DERIVED_TITLE_MAX, deriveTitle, maskName, maskPersonalInfo } from '@minqing/shared';

describe('maskPersonalInfo: personal information in what citizens write', () => {
  it('should mask a mobile number as the contact column does, also written in groups', () => {
    expect(maskPersonalInfo('我叫陈美玲13857319999，住钟埭')).toBe('我叫陈**138****9999，住钟埭');
    expect(maskPersonalInfo('电话 138 5731 9999 或 138-5731-9999')).toBe('电话 138 **** 9999 或 138-****-9999');
    expect(maskPersonalInfo('Tel13857319999')).toBe('Tel138****9999');
  });

  it('should mask landlines with an area code, ID-card numbers and bank-card numbers, keeping the last two digits', () => {
    expect(maskPersonalInfo('办公室电话0573-85123456')).toBe('办公室电话****-******56');
    expect(maskPersonalInfo('座机(0573)85123456')).toBe('座机(****)******56');
    expect(maskPersonalInfo('身份证号330482199001011234。')).toBe('身份证号****************34。');
    expect(maskPersonalInfo('身份证33048219900101123X')).toBe('身份证****************3X');
    expect(maskPersonalInfo('老身份证330482900101123')).toBe('老身份证*************23');
    expect(maskPersonalInfo('卡号6222021234567890123')).toBe('卡号*****************23');
    expect(maskPersonalInfo('卡号 6222 0212 3456 7890')).toBe('卡号 **** **** **** **90');
    expect(maskPersonalInfo('家里电话85123456')).toBe('家里电话******56');
  });

  it('should mask full-width digits too', () => {
    expect(maskPersonalInfo('电话１３８５７３１９９９９')).toBe('电话１３８****９９９９');
  });

  it('should leave short numbers, dates, amounts and tracking numbers alone', () => {
    const text = '东湖社区12号楼3单元，2026-03-15起停水，欠薪120000元，3.5米宽的路，编号PH20260302-0001。';
    expect(maskPersonalInfo(text)).toBe(text);
  });

  it('should mask the names it is given wherever they appear, and a name introduced with 我叫 or 姓名', () => {
    expect(maskPersonalInfo('陈美玲反映：陈美玲的丈夫打人', ['陈美玲'])).toBe('陈**反映：陈**的丈夫打人');
    expect(maskPersonalInfo('我叫王芳，住东湖社区')).toBe('我叫王*，住东湖社区');
    expect(maskPersonalInfo('姓名：李明，联系人：张小明')).toBe('姓名：李*，联系人：张**');
    // not names: 我叫了救护车
    expect(maskPersonalInfo('我叫了救护车')).toBe('我叫了救护车');
    // a one-character "name" or none masks nothing
    expect(maskPersonalInfo('路灯坏了', ['路', null, undefined, ''])).toBe('路灯坏了');
  });

  it('should give the masked contact name as the contact column shows it', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**');
  });
});

describe('deriveTitle: the title of a case whose citizen gave none', () => {
  it('should cut at the last sentence or clause boundary within the limit, never inside a word', () => {
    expect(deriveTitle('当湖街道东湖社区主干道的路灯坏了两个星期，晚上很黑，请尽快维修。')).toBe(
      '当湖街道东湖社区主干道的路灯坏了两个星期',
    );
    expect(deriveTitle('路灯坏了。晚上很黑，老人出门很危险，请尽快维修。')).toBe('路灯坏了。晚上很黑，老人出门很危险');
    expect(deriveTitle('路灯坏了。晚上很黑，老人小孩出门都非常危险，请尽快维修。')).toBe('路灯坏了。晚上很黑');
    expect(deriveTitle('路灯坏了很久了，请尽快修理。')).toBe('路灯坏了很久了，请尽快修理');
    expect(deriveTitle('路灯为什么总是坏？晚上很黑，老人出门很危险。')).toBe('路灯为什么总是坏？晚上很黑');
  });

  it('should cut at the limit with an ellipsis when the first clause is longer than the limit', () => {
    const body = '东湖社区主干道的路灯已经坏了两个多星期晚上一片漆黑老人出门很危险';
    const title = deriveTitle(body);
    expect(title).toBe(`${body.slice(0, DERIVED_TITLE_MAX)}…`);
  });

  it('should take the first line as a title and keep numbers with a point or a comma whole', () => {
    expect(deriveTitle('路灯坏了\n东湖社区主干道的路灯坏了两个星期，晚上很黑。')).toBe('路灯坏了');
    expect(deriveTitle('路面塌陷3.5米，车辆无法通行，请尽快修复。')).toBe('路面塌陷3.5米，车辆无法通行');
  });

  it('should mask phone and ID-card numbers and the given names before cutting', () => {
    const title = deriveTitle('我叫陈美玲13857319999，身份证号330482199001011234，丈夫经常打我，请帮帮我。', ['陈美玲']);
    expect(title).toBe('我叫陈**138****9999');
    // a number across the limit is masked whole, not cut into an unmasked stub
    const long = deriveTitle('东湖社区路灯坏了联系电话13857319999谢谢');
    expect(long).not.toMatch(/\d{5}/);
    expect(long.endsWith('…')).toBe(true);
  });

  it('should never cut an emoji in half', () => {
    const title = deriveTitle('😀'.repeat(30));
    expect([...title.slice(0, -1)].every((ch) => ch === '😀')).toBe(true);
  });
});
