import { computed, reactive, ref, shallowRef, watch, type Component, type ComputedRef } from 'vue';
import type { Check } from '@minqing/shared';
import type { PickOption } from '../../../ui/pickOption';
import { confirmDanger } from '../../../ui/confirmDanger';
import { fieldRule, sendAdminForm, type SaveResult } from './send';

export type FormValue = string | number | boolean | null | undefined;
export type FormValues = Record<string, FormValue>;

/**
 * One row of an admin form. `text`/`textarea` are typed in (`locked`: shown read-only when
 * editing), `picker` opens a SearchPicker, `switch` may ask before it changes, `stepper` is 排序,
 * `note` is a line of explanation, and `custom` is drawn by its own `component` (a deputy's
 * photo, a village's 停用 button, the account's role picker) with `props`, the form and `done`.
 */
export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'picker' | 'switch' | 'stepper' | 'note' | 'custom';
  placeholder?: string;
  max?: number;
  required?: boolean;
  /** The field rule (shared/src/field-rules.ts), run by van-form as the server would. */
  rule?: Check;
  /** Read-only when editing (ids and codes stay what they were created as). */
  locked?: boolean;
  /** Shown but not typed in (a citizen's name, which 浙里办 owns). */
  readonly?: boolean;
  inputType?: 'tel' | 'password';
  autocomplete?: string;
  /** picker: its title, rows, what the field shows (a note: its text), and what picking does (default: set the value). */
  title?: string;
  options?: PickOption[];
  display?: string;
  pick?: (value: string) => void;
  /** picker: shown as a link even without options (a deputy's 联络站 before the region is picked). */
  link?: boolean;
  /** switch: asked before it is set to `when`; `hint` beside it (grey when `hintMuted`). */
  confirm?: { when: boolean; title: string; message: string; button: string };
  hint?: string;
  hintMuted?: boolean;
  disabled?: boolean;
  activeColor?: string;
  testid?: string;
  range?: { min: number; max: number };
  component?: Component;
  props?: Record<string, unknown>;
}

/** What an admin list's form knows of its records: its name, blank values, what to send, and where. */
export interface FormKit<T, F extends FormValues> {
  /** Test ids `<name>-form`, `<name>-submit`, `<name>-<key>-switch`. */
  name: string;
  /** The title's noun: 新增<noun> / 编辑<noun>. */
  noun: string;
  blank: (item: T | null, defaults: Partial<F>) => F;
  createInput: (form: F) => object;
  updateInput: (form: F, item: T) => Record<string, unknown>;
  create: (input: never) => Promise<T>;
  update: (item: T, changes: never) => Promise<T>;
  /** The grey line under the fields. */
  note?: (item: T | null) => { text: string; testid?: string };
  /** The toast after a create ('已新增' unless given; null: none, the list tells instead). */
  createdToast?: string | null;
  /** Lists the pickers need, asked for on each opening (failures are toasted by the client). */
  load?: () => Promise<unknown>;
  /** Whatever else an opening resets (a deputy's photo preview). */
  onOpen?: (item: T | null) => void;
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
  const title = computed(() => `${editing.value ? '编辑' : '新增'}${kit.noun}`);
  const note = computed(() => kit.note?.(editing.value));

  function open(item: T | null, defaults: Partial<F> = {}) {
    for (const k of Object.keys(errors)) delete errors[k];
    editing.value = item;
    Object.assign(form, kit.blank(item, defaults));
    kit.onOpen?.(item);
    void kit.load?.().catch(() => undefined);
  }

  /** Sets a field's value (what a picker picked). */
  const set = (key: string, value: FormValue) => void ((form as FormValues)[key] = value);

  /** Sets a switch, asking first when the spec says so. */
  async function setSwitch(spec: FieldSpec, next: boolean) {
    const c = spec.confirm;
    if (c && next === c.when && !(await confirmDanger(c.title, c.message, c.button))) return;
    set(spec.key, next);
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

  const createdToast = kit.createdToast === undefined ? '已新增' : kit.createdToast;
  return { name: kit.name, title, note, createdToast, editing, form, errors, saving, fields, rules, open, set, setSwitch, save };
}
export type AdminForm<T, F extends FormValues> = ReturnType<typeof useAdminForm<T, F>>;
/** A form of any list, as the generic page and the custom fields see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAdminForm = AdminForm<any, FormValues>;
