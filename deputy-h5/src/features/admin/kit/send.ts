import type { Ref } from 'vue';
import type { FieldRule } from 'vant';
import type { Check } from '@minqing/shared';
import { ApiFailure } from '../../../api';

/** A van-field rule from a shared field rule (shared/src/field-rules.ts): true or the message to show. */
export const fieldRule = (check: Check): FieldRule[] => [{ validator: (v: unknown) => check(String(v ?? '')) }];

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
