import type { Ref } from 'vue';
import { showConfirmDialog, type FieldRule } from 'vant';
import 'vant/es/dialog/style';
import { ApiFailure } from '../api';

/*
 * What the admin forms (账号, 代表, 单位, 联络站, 村（社区）) share: their field rules, the confirmation
 * before a step that takes something away, and sending a new record or an edit.
 */

/** A van-field rule from a check that returns true or the message to show. */
export const fieldRule = (check: (v: string) => true | string): FieldRule[] => [{ validator: (v: unknown) => check(String(v ?? '')) }];

/** Asks before a step that takes something away (停用, 删除); true when the person confirms. */
export const confirmDanger = (title: string, message: string, confirmButtonText: string): Promise<boolean> =>
  showConfirmDialog({ title, message, confirmButtonText, confirmButtonColor: '#ee0a24' }).then(
    () => true,
    () => false,
  );

export type SaveResult<T> = { saved: T; created: boolean } | 'unchanged' | null;

/**
 * Sends a new record (`changes` null) or an edit's changes. Returns what the server saved,
 * 'unchanged' when an edit changes nothing, or null while already sending or when the server
 * refused: a refusal naming a field is told under that field as well as in the client's toast.
 */
export async function sendAdminForm<T, C extends object>(form: {
  saving: Ref<boolean>;
  errors: Record<string, string | undefined>;
  changes: C | null;
  update: (changes: C) => Promise<T>;
  create: () => Promise<T>;
}): Promise<SaveResult<T>> {
  const { saving, errors, changes } = form;
  if (saving.value) return null;
  for (const k of Object.keys(errors)) delete errors[k];
  if (changes && !Object.keys(changes).length) return 'unchanged';
  saving.value = true;
  try {
    return changes ? { saved: await form.update(changes), created: false } : { saved: await form.create(), created: true };
  } catch (err) {
    if (err instanceof ApiFailure && err.status !== null && [400, 403, 409].includes(err.status) && err.field)
      errors[err.field] = err.message;
    return null;
  } finally {
    saving.value = false;
  }
}
