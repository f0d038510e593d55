import { DEADLINE_LABELS, STATUS_RULES, guardFailure, systemRuleFor } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';
import { SYSTEM, applyTransition, guardState, overdueFlag, reminderFlags, type SystemInput } from './apply-action.js';
import { notify, holderUserIds } from './notify.js';
import { currentDeadline } from './present.js';

/**
 * Photos uploaded and then never used (a submission given up, a deputy's photo replaced) are
 * deleted after this many days: a citizen's picture of their home is not kept for nothing. A
 * draft on the phone keeps its photos that long.
 */
export const UNUSED_UPLOAD_DAYS = 7;

/**
 * One scheduler pass (every minute in the server; tests call it with their own clock): when the
 * deadline of a case's status has passed, the system's rule for that status (lifecycle.ts: 超期
 * flagged once per deadline, or a reply left unrated closed); 临期 warnings before a deadline
 * that can become 超期; and deleting unused uploads.
 */
export function schedulerTick(deps: Deps): { warned: number; overdue: number; autoClosed: number; uploadsDeleted: number } {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const result = { warned: 0, overdue: 0, autoClosed: 0, uploadsDeleted: 0 };
  result.uploadsDeleted = deps.uploads.deleteUnused(new Date(now.getTime() - UNUSED_UPLOAD_DAYS * 86_400_000).toISOString());
  for (const c of deps.cases.openCases()) {
    const d = currentDeadline(c);
    if (!d) continue;
    if (d.due <= nowIso) {
      const rule = systemRuleFor(c.status);
      if (!rule) continue;
      const input: SystemInput = rule.action === 'overdue' ? { action: 'overdue', kind: d.kind, due: d.due } : { action: rule.action };
      if (input.action === 'overdue' && reminderFlags(c).includes(overdueFlag(d.kind, d.due))) continue;
      if (systemStep(deps, c, input, now)) result[input.action === 'overdue' ? 'overdue' : 'autoClosed']++;
    } else if (STATUS_RULES[c.status].overdue) {
      const warnFlag = `${d.kind}-warn@${d.due}`;
      const startMs = Date.parse(d.start);
      const warnAt = startMs + (Date.parse(d.due) - startMs) * deps.limits.warnAtFraction;
      if (now.getTime() < warnAt || reminderFlags(c).includes(warnFlag)) continue;
      deps.immediate(() => {
        deps.cases.update(c.id, { reminded_flags: [...reminderFlags(c), warnFlag].join(' ') });
        notify(
          deps,
          c,
          holderUserIds(deps, c),
          `${d.kind}_warning`,
          `临期预警：${DEADLINE_LABELS[d.kind]}时限将于 ${d.due} 到期`,
          warnFlag,
        );
      });
      result.warned++;
    }
  }
  return result;
}

/**
 * One step of the `system` actor, if the table has it for the case's status and its guard lets
 * it (an unsatisfied rating keeps a reply from closing by itself): through the same path as a
 * user's transition, with its event.
 */
export function systemStep(deps: Deps, c: CaseRow, input: SystemInput, now = deps.clock.now()): boolean {
  const rule = systemRuleFor(c.status);
  if (!rule || rule.action !== input.action || guardFailure(rule.action, 'system', guardState(c)) !== null) return false;
  deps.immediate(() => applyTransition(deps, SYSTEM, c, input, rule, now));
  return true;
}

/** The rating window of a reply has ended unrated (the demo seed walks its history through this). */
export function autoClose(deps: Deps, c: CaseRow, nowIso: string): void {
  systemStep(deps, c, { action: 'auto_close' }, new Date(nowIso));
}
