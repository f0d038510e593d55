import { describe, expect } from 'vitest';
import { caseIn } from '../helpers/builders.js';
import { it } from '../helpers/server-test.js';

describe('延期申请待审批', () => {
  it('should list the extension requests waiting for the office, and tell citizens nothing of them', async ({ s, office }) => {
    const otherTown = await s.as('ding-office-zhongdai');
    const unit = await s.as('ding-unit-zjj');
    const citizen = await s.as('zlb-zhang');
    const waiting = caseIn(s, 'handling');
    const untouched = caseIn(s, 'handling');
    await unit.cases.transition(waiting, { action: 'request_extension', days: 5, note: '需要协调多个部门' });

    const pending = await office.cases.list({ extensionPending: 'true' });
    expect(pending.items.map((c) => [c.id, c.extensionPendingDays])).toEqual([[waiting, 5]]);
    expect((await office.cases.list({ extensionPending: 'false' })).items.map((c) => c.id)).toContain(untouched);
    // scope holds: another town's office does not see 当湖街道's request
    expect((await otherTown.cases.list({ extensionPending: 'true' })).total).toBe(0);
    // a citizen's list ignores the filter and carries no extension figures
    const mine = await citizen.cases.list({ extensionPending: 'true' });
    expect(mine.items.map((c) => c.id).sort()).toEqual([waiting, untouched].sort());
    expect(mine.items.every((c) => !('extensionPendingDays' in c))).toBe(true);

    await office.cases.transition(waiting, { action: 'approve_extension' });
    expect((await office.cases.list({ extensionPending: 'true' })).total).toBe(0);
  });
});
