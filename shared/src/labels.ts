import type { CaseEventAction, CaseStatus, CaseType, CloseReason, DeputyLevel, Rating, Role } from './enums.js';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  acknowledged: '已受理',
  triage: '待分办',
  assigned: '待签收',
  handling: '办理中',
  replied: '待评价',
  closed: '已办结',
};

export const ACTION_LABELS: Record<CaseEventAction, string> = {
  submit: '提交诉求',
  acknowledge: '受理',
  reply: '答复',
  forward: '转交人大',
  reject: '不予受理',
  assign: '交办',
  sign: '签收',
  return: '退回',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  deny_extension: '驳回延期',
  approve_reply: '审核通过',
  reject_reply: '退回修改',
  rate: '评价',
  evaluate: '代表评价',
  reopen: '重办',
  close: '办结',
  urge: '督办',
  merge: '合并',
  supplement: '补充',
  note: '备注',
  auto_close: '自动办结',
  overdue: '超期',
};

export const TYPE_LABELS: Record<CaseType, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};

export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const ROLE_LABELS: Record<Role, string> = {
  citizen: '群众',
  deputy: '人大代表',
  office: '人大工作人员',
  unit: '承办单位',
  leader: '领导',
  admin: '系统管理员',
};

export const LEVEL_LABELS: Record<DeputyLevel, string> = {
  province: '省人大代表',
  prefecture: '嘉兴市人大代表',
  county: '平湖市人大代表',
  town: '镇人大代表',
};

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  rated: '已评价办结',
  unrated: '未评价',
  rejected: '不予受理',
  merged: '已合并',
  withdrawn: '群众撤回',
  closed: '办结',
};
