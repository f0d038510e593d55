import type { QueueFilter } from './useCaseQueue';

/**
 * Each workbench's tabs: the cases a role works on, by where they stand in the lifecycle (a tab
 * with `alarm` turns red when it holds any).
 */
export const QUEUES = {
  /** 代表工作台: messages addressed to the deputy (码上收). */
  deputy: [
    { key: 'submitted', label: '待受理', query: { status: 'submitted' }, alarm: true },
    { key: 'acknowledged', label: '已受理', query: { status: 'acknowledged' } },
    { key: 'handling', label: '办理中', query: { status: 'triage,assigned,handling' } },
    { key: 'replied', label: '待评价', query: { status: 'replied' } },
    { key: 'overdue', label: '超期', query: { overdue: 'true' }, alarm: true },
  ],
  /** 分办工作台 (马上分). */
  office: [
    { key: 'triage', label: '待分办', query: { status: 'triage' }, alarm: true },
    { key: 'submitted', label: '待受理', query: { status: 'submitted,acknowledged' } },
    { key: 'handling', label: '办理中', query: { status: 'assigned,handling' } },
    // 答复审核: units' replies held for the office before they reach the citizen (where configured)
    { key: 'review', label: '待审核', query: { replyPending: 'true' }, alarm: true },
    { key: 'replied', label: '待评价', query: { status: 'replied' } },
    { key: 'overdue', label: '超期', query: { overdue: 'true' }, alarm: true },
  ],
  /** 承办工作台: cases assigned to the unit. */
  unit: [
    { key: 'assigned', label: '待签收', query: { status: 'assigned' }, alarm: true },
    { key: 'handling', label: '办理中', query: { status: 'handling' } },
    { key: 'replied', label: '已答复', query: { status: 'replied,closed' } },
    { key: 'overdue', label: '超期', query: { overdue: 'true' }, alarm: true },
  ],
} satisfies Record<string, QueueFilter[]>;
