import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';
import { holderUserIds, notify, officeUserIds } from './notify.js';

type Deadline = { kind: 'ack' | 'sign' | 'reply'; due: string; start: string };

function deadlineOf(c: CaseRow): Deadline | null {
  switch (c.status) {
    case 'submitted':
      return { kind: 'ack', due: c.ack_due_at, start: c.submitted_at };
    case 'assigned':
      return c.sign_due_at ? { kind: 'sign', due: c.sign_due_at, start: c.assigned_at ?? c.submitted_at } : null;
    case 'acknowledged':
    case 'handling':
      return c.reply_due_at
        ? { kind: 'reply', due: c.reply_due_at, start: c.assigned_at ?? c.acknowledged_at ?? c.submitted_at }
        : null;
    default:
      return null;
  }
}

const LABEL = { ack: '应答', sign: '签收', reply: '办理' } as const;

/**
 * Photos uploaded and then never used (a submission given up, a deputy's photo replaced) are
 * deleted after this many days: a citizen's picture of their home is not kept for nothing. A
 * draft on the phone keeps its photos that long.
 */
export const UNUSED_UPLOAD_DAYS = 7;

/**
 * One scheduler pass (every minute in the server; tests call it with their own clock):
 * 临期 warnings and 超期 flags to the outbox, once per deadline, auto-closing of replies
 * left unrated past the rating window (未评价), and deleting unused uploads.
 */
export function schedulerTick(deps: Deps): { warned: number; overdue: number; autoClosed: number; uploadsDeleted: number } {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const result = { warned: 0, overdue: 0, autoClosed: 0, uploadsDeleted: 0 };
  result.uploadsDeleted = deps.uploads.deleteUnused(new Date(now.getTime() - UNUSED_UPLOAD_DAYS * 86_400_000).toISOString());
  for (const c of deps.cases.openCases()) {
    if (c.status === 'replied') {
      if (c.rating === null && c.rate_due_at && c.rate_due_at <= nowIso) {
        autoClose(deps, c, nowIso);
        result.autoClosed++;
      }
      continue;
    }
    const d = deadlineOf(c);
    if (!d) continue;
    const flags = new Set(c.reminded_flags.split(' ').filter(Boolean));
    const overdueFlag = `${d.kind}-overdue@${d.due}`;
    const warnFlag = `${d.kind}-warn@${d.due}`;
    const startMs = Date.parse(d.start);
    const warnAt = startMs + (Date.parse(d.due) - startMs) * deps.limits.warnAtFraction;
    if (d.due <= nowIso && !flags.has(overdueFlag)) {
      deps.db.transaction(() => {
        flags.add(overdueFlag);
        deps.cases.update(c.id, { reminded_flags: [...flags].join(' ') });
        const { seq } = deps.events.append({
          case_id: c.id, action: 'overdue', actor_user_id: null, actor_role: null, actor_name: '系统',
          from_status: c.status, to_status: c.status, note: `${LABEL[d.kind]}超期`, data: { kind: d.kind, due: d.due }, created_at: nowIso,
        });
        notify(deps, c, [...holderUserIds(deps, c), ...officeUserIds(deps, c)], `${d.kind}_overdue`, `已超过${LABEL[d.kind]}时限，请尽快处理`, `e${seq}`);
      }).immediate();
      result.overdue++;
    } else if (d.due > nowIso && now.getTime() >= warnAt && !flags.has(warnFlag)) {
      deps.db.transaction(() => {
        flags.add(warnFlag);
        deps.cases.update(c.id, { reminded_flags: [...flags].join(' ') });
        notify(deps, c, holderUserIds(deps, c), `${d.kind}_warning`, `临期预警：${LABEL[d.kind]}时限将于 ${d.due} 到期`, warnFlag);
      }).immediate();
      result.warned++;
    }
  }
  return result;
}

export function autoClose(deps: Deps, c: CaseRow, nowIso: string) {
  deps.db.transaction(() => {
    deps.cases.update(c.id, { status: 'closed', closed_at: nowIso, close_reason: 'unrated', updated_at: nowIso });
    deps.events.append({
      case_id: c.id, action: 'auto_close', actor_user_id: null, actor_role: null, actor_name: '系统',
      from_status: 'replied', to_status: 'closed', note: '评价期满未评价，自动办结', data: { reason: 'unrated' }, created_at: nowIso,
    });
  }).immediate();
}
