import { computed, reactive, ref, shallowRef, watch, type ComputedRef } from 'vue';
import type { Check } from '@minqing/shared';
import { confirmDanger, fieldRule, sendAdminForm, type SaveResult } from '../../../utils/adminForm';
import type { PickOption } from '../../../composables/useAccountForm';

export type FormValues = Record<string, string | number | boolean>;

/**
 * One row of an admin form. `text`/`textarea` are typed in (`locked`: shown read-only when
 * editing), `picker` opens a SearchPicker, `switch` asks before turning off, `stepper` is 排序,
 * `slot` is drawn by the form's `#<key>` slot (a deputy's photo, a village's 停用 button).
 */
export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'picker' | 'switch' | 'stepper' | 'slot';
  placeholder?: string;
  max?: number;
  required?: boolean;
  /** The field rule (shared/src/field-rules.ts), run by van-form as the server would. */
  rule?: Check;
  /** Read-only when editing (ids and codes stay what they were created as). */
  locked?: boolean;
  /** picker: its title, rows, what the field shows, and what picking does (default: set the value). */
  title?: string;
  options?: PickOption[];
  display?: string;
  pick?: (value: string) => void;
  /** switch: asked before turning it off, and told beside it while off. */
  confirmOff?: [title: string, message: string, button?: string];
  offHint?: string;
  testid?: string;
  range?: { min: number; max: number };
}

/** What an admin list's form knows of its records: blank values, what to send, and where. */
export interface FormKit<T, F extends FormValues> {
  blank: (item: T | null, defaults: Partial<F>) => F;
  createInput: (form: F) => object;
  updateInput: (form: F, item: T) => Record<string, unknown>;
  create: (input: never) => Promise<T>;
  update: (item: T, changes: never) => Promise<T>;
}

/** The trimmed text fields and numbers of `form` that differ from `item` (the changes an edit sends). */
export function changed<F extends FormValues>(form: F, item: object, keys: (keyof F & string)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const before = item as Record<string, unknown>;
  for (const k of keys) {
    const v = form[k];
    const now = typeof v === 'string' ? (typeof before[k] === 'number' ? Number(v) : v.trim()) : v;
    if (now !== before[k]) out[k] = now;
  }
  return out;
}

/**
 * The admin forms' state: values, the server's messages under their fields (gone once the
 * field changes), the Vant rules from the field specs, and sending a new record or only the
 * changes of an edit (a refusal naming a field is told under it).
 */
export function useAdminForm<T, F extends FormValues>(kit: FormKit<T, F>, specs: (f: { form: F; editing: T | null }) => FieldSpec[]) {
  const editing = shallowRef<T | null>(null);
  const form = reactive(kit.blank(null, {})) as F;
  const errors = reactive<Record<string, string | undefined>>({});
  const saving = ref(false);
  watch(
    () => ({ ...form }),
    (now, before) => {
      for (const k of Object.keys(now)) if (now[k] !== before[k]) delete errors[k];
    },
  );
  const fields: ComputedRef<FieldSpec[]> = computed(() => specs({ form, editing: editing.value }));
  const rules = computed(() => Object.fromEntries(fields.value.map((s) => [s.key, s.rule ? fieldRule(s.rule) : []])));

  function open(item: T | null, defaults: Partial<F> = {}) {
    for (const k of Object.keys(errors)) delete errors[k];
    editing.value = item;
    Object.assign(form, kit.blank(item, defaults));
  }

  /** Sets a switch, asking first when it turns something off. */
  async function setSwitch(spec: FieldSpec, next: boolean) {
    if (!next && spec.confirmOff && !(await confirmDanger(spec.confirmOff[0], spec.confirmOff[1], spec.confirmOff[2] ?? '确认停用')))
      return;
    (form as FormValues)[spec.key] = next;
  }

  /** Sends the form (`extra`: changes sent with the edit, e.g. a village's 停用 button). */
  function save(extra: Record<string, unknown> = {}): Promise<SaveResult<T>> {
    const item = editing.value;
    return sendAdminForm({
      saving,
      errors,
      changes: item ? { ...kit.updateInput(form, item), ...extra } : null,
      update: (changes) => kit.update(item!, changes as never),
      create: () => kit.create(kit.createInput(form) as never),
    });
  }

  return { editing, form, errors, saving, fields, rules, open, setSwitch, save };
}
export type AdminForm<T, F extends FormValues> = ReturnType<typeof useAdminForm<T, F>>;
