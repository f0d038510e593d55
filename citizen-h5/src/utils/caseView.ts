import { statusLabel as sharedStatusLabel, statusTagType as sharedTagType, type TagType } from '@minqing/h5-common/cases/status';
import { formatDeadline } from './deadline';
import {
  ACTION_LABELS,
  CLOSE_REASON_LABELS,
  RATING_LABELS,
  dueCountdown,
  formatTime,
  type CaseEvent,
  type CaseEventAction,
  type CaseStatus,
  type CaseSummary,
  type Rating,
} from '@minqing/shared';

/** The status tag's words and colour as a citizen reads them (the tag itself is h5-common's StatusTag). */
export const statusTagType = (status: CaseStatus): TagType => sharedTagType(status, 'citizen');
export const statusLabel = (c: Pick<CaseSummary, 'status' | 'closeReason'>): string => sharedStatusLabel(c, 'citizen');

/** What the citizen is told about the deadline that matters now, e.g. "代表应于 … 前受理". */
export function dueLine(c: CaseSummary, now: Date): { text: string; countdown: string | null; level: 'ok' | 'warn' | 'overdue' } | null {
  const countdown = dueCountdown(c.dueAt, now);
  const at = formatDeadline(c.dueAt, true);
  switch (c.status) {
    case 'submitted':
      return c.dueAt ? { text: `代表应于 ${at} 前受理`, countdown: countdown?.text ?? null, level: countdown?.level ?? 'ok' } : null;
    case 'acknowledged':
    case 'handling':
      return c.dueAt ? { text: `应于 ${at} 前答复`, countdown: countdown?.text ?? null, level: countdown?.level ?? 'ok' } : null;
    case 'assigned':
      return c.dueAt ? { text: `承办单位应于 ${at} 前签收`, countdown: countdown?.text ?? null, level: countdown?.level ?? 'ok' } : null;
    case 'triage':
      return { text: '人大工作人员正在分办', countdown: null, level: 'ok' };
    case 'replied':
      return c.rating === 'unsatisfied'
        ? { text: '您已申请重办，等待代表或人大工作人员处理', countdown: null, level: 'ok' }
        : c.dueAt
          ? { text: `请于 ${at} 前评价，逾期将自动办结`, countdown: null, level: 'warn' }
          : null;
    case 'closed':
      if (c.closeReason === 'rated' && c.rating)
        return { text: `已办结 · 您的评价：${RATING_LABELS[c.rating]}`, countdown: null, level: 'ok' };
      if (c.closeReason === 'rejected') return { text: '不予受理，理由见办理进度', countdown: null, level: 'ok' };
      if (c.closeReason === 'merged') return { text: '已与同类诉求合并办理', countdown: null, level: 'ok' };
      return c.closeReason ? { text: CLOSE_REASON_LABELS[c.closeReason], countdown: null, level: 'ok' } : null;
  }
}

/** Citizen-facing names for steps whose staff names would puzzle them. */
const CITIZEN_ACTION_LABELS: Partial<Record<CaseEventAction, string>> = {
  submit: '提交诉求',
  acknowledge: '代表已受理',
  reply: '答复',
  forward: '转交人大办理',
  assign: '交办承办单位',
  sign: '承办单位签收',
  return: '重新分办',
  approve_extension: '办理延期',
  rate: '评价',
  reopen: '重新办理',
  supplement: '补充材料',
  auto_close: '自动办结',
  merge: '合并办理',
  reject: '不予受理',
};

export interface TimelineEntry {
  id: number;
  title: string;
  actor: string;
  time: string;
  note: string | null;
  extra: string | null;
  photos: string[];
  highlight: boolean;
}

function eventExtra(e: CaseEvent): string | null {
  if (e.action === 'rate' && typeof e.data.rating === 'string') {
    const rating = RATING_LABELS[e.data.rating as Rating] ?? '';
    const solved = e.data.solved === true ? '问题已解决' : e.data.solved === false ? '问题未解决' : '';
    return [rating, solved].filter(Boolean).join(' · ');
  }
  if (e.action === 'approve_extension' && typeof e.data.days === 'number') return `延期 ${e.data.days} 个工作日`;
  if (e.action === 'assign' && typeof e.data.unitName === 'string') return `承办单位：${e.data.unitName}`;
  if (e.action === 'close' && e.actorRole === 'citizen') return '您已撤回本件';
  return null;
}

/** The timeline, newest first, as the citizen reads it. */
export function timeline(events: CaseEvent[]): TimelineEntry[] {
  return events
    .slice()
    .sort((a, b) => b.seq - a.seq)
    .map((e) => ({
      id: e.id,
      title:
        e.action === 'close' && e.actorRole === 'citizen'
          ? '撤回'
          : (CITIZEN_ACTION_LABELS[e.action as CaseEventAction] ?? ACTION_LABELS[e.action as CaseEventAction] ?? e.actionLabel),
      actor: e.actorRole === 'citizen' ? '我' : e.actorName,
      time: formatTime(e.createdAt),
      note: e.note,
      extra: eventExtra(e),
      photos: e.attachments.map((a) => a.url),
      highlight: e.action === 'reply',
    }));
}
