import type { CaseAction, CaseType, Rating, TransitionInput } from '@minqing/shared';

export interface NoteRule {
  label: string;
  min: number;
  max: number;
  placeholder?: string;
}
/** The text field each action asks for: its label, and how short or long it may be (as the API checks). */
export const NOTE_RULES: Partial<Record<CaseAction, NoteRule>> = {
  acknowledge: { label: '受理意见', min: 0, max: 500, placeholder: '选填' },
  reply: { label: '答复内容', min: 2, max: 5000, placeholder: '请填写办理结果或答复意见' },
  forward: { label: '转交说明', min: 0, max: 500, placeholder: '选填，如：涉及多个部门，请人大办分办' },
  reject: { label: '不予受理的理由', min: 2, max: 500 },
  assign: { label: '交办意见', min: 0, max: 500, placeholder: '选填' },
  sign: { label: '签收意见', min: 0, max: 500, placeholder: '选填' },
  return: { label: '退回理由', min: 2, max: 500, placeholder: '如：不属于本单位职责' },
  request_extension: { label: '延期理由', min: 2, max: 500 },
  approve_extension: { label: '审批意见', min: 0, max: 500, placeholder: '选填' },
  deny_extension: { label: '驳回理由', min: 0, max: 500, placeholder: '选填' },
  approve_reply: { label: '审核意见', min: 0, max: 500, placeholder: '选填；审核通过后答复即发送给群众' },
  reject_reply: { label: '退回修改意见', min: 2, max: 500, placeholder: '请写明需要承办单位修改或补充的内容' },
  evaluate: { label: '评价意见', min: 0, max: 500, placeholder: '选填' },
  reopen: { label: '重办理由', min: 2, max: 500 },
  close: { label: '办结说明', min: 2, max: 500 },
  urge: { label: '督办意见', min: 0, max: 500, placeholder: '选填，如：请加快办理' },
  merge: { label: '合并说明', min: 0, max: 500, placeholder: '选填' },
  supplement: { label: '补充内容', min: 0, max: 2000 },
  note: { label: '备注', min: 1, max: 2000 },
};

/** What a person filled in on an action's form. */
export interface ActionFormState {
  note: string;
  unitId: string;
  categoryId: string;
  type: CaseType;
  days: number;
  rating: Rating | '';
  targetCaseId: string;
}

/**
 * The transition request for `action` from its form, or what is missing, in words for people
 * (the same limits the API enforces, so a person hears it before a round trip).
 */
export function buildTransition(
  action: CaseAction,
  form: ActionFormState,
  ctx: { caseType: CaseType; photoIds: string[]; photosBusy: boolean },
): TransitionInput | string {
  const note = form.note.trim();
  const r = NOTE_RULES[action];
  if (r && note.length < r.min) return note.length === 0 ? `请填写${r.label}` : `${r.label}至少${r.min}个字`;
  const opt = note ? { note } : {};
  switch (action) {
    case 'reply':
      if (ctx.photosBusy) return '照片正在上传，请稍候';
      return { action: 'reply', note, photoIds: ctx.photoIds };
    case 'supplement':
      if (ctx.photosBusy) return '照片正在上传，请稍候';
      if (!note && ctx.photoIds.length === 0) return '请填写补充内容或上传照片';
      return { action: 'supplement', ...opt, photoIds: ctx.photoIds };
    case 'assign':
      if (!form.unitId) return '请选择承办单位';
      return {
        action: 'assign',
        unitId: form.unitId,
        ...(form.categoryId ? { categoryId: form.categoryId } : {}),
        ...(form.type !== ctx.caseType ? { type: form.type } : {}),
        ...opt,
      };
    case 'request_extension':
      return { action: 'request_extension', days: form.days, note };
    case 'evaluate':
      if (!form.rating) return '请选择评价';
      return { action: 'evaluate', rating: form.rating, ...(note ? { comment: note } : {}) };
    case 'merge':
      if (!form.targetCaseId.trim()) return '请选择要合并到的民情件';
      return { action: 'merge', targetCaseId: form.targetCaseId.trim(), ...opt };
    case 'reject':
    case 'return':
    case 'reopen':
    case 'close':
    case 'note':
    case 'reject_reply':
      return { action, note };
    case 'acknowledge':
    case 'forward':
    case 'sign':
    case 'approve_extension':
    case 'deny_extension':
    case 'approve_reply':
    case 'urge':
      return { action, ...opt };
    default:
      return '暂不支持该操作';
  }
}
