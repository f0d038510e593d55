import { onScopeDispose, reactive, watch } from 'vue';
import type { CaseType } from '@minqing/shared';
import { draftKey } from '../utils/draftKey';
import { newIdempotencyKey } from '../utils/idempotencyKey';
import type { SavedPhoto } from '@minqing/h5-common/photos/usePhotoUploads';
import { readJson, removeKey, writeJson } from '@minqing/h5-common/storage';

export interface DraftLocation {
  lat: number;
  lng: number;
  accuracy: number | null;
}

/** What the citizen has typed for one deputy, kept on the device until it is submitted. */
export interface CaseDraft {
  v: 1;
  deputyCode: string;
  /** Uploaded photos belong to a user; another user on this device does not inherit them. */
  userId: string | null;
  type: CaseType;
  title: string;
  body: string;
  contactPhone: string;
  anonymous: boolean;
  location: DraftLocation | null;
  address: string;
  photos: SavedPhoto[];
  agreed: boolean;
  /** Sent as Idempotency-Key: every retry of this draft's submission names the same case. */
  idempotencyKey: string;
  updatedAt: number;
}

const keyFor = draftKey;

function blank(deputyCode: string, userId: string | null, phone: string | null): CaseDraft {
  return {
    v: 1,
    deputyCode,
    userId,
    type: 'help',
    title: '',
    body: '',
    contactPhone: phone ?? '',
    anonymous: false,
    location: null,
    address: '',
    photos: [],
    agreed: false,
    idempotencyKey: newIdempotencyKey(),
    updatedAt: Date.now(),
  };
}

/** A draft that has something in it worth telling the user it was restored. */
function hasContent(d: CaseDraft): boolean {
  return d.body.trim().length > 0 || d.title.trim().length > 0 || d.photos.length > 0 || d.address.trim().length > 0;
}

/**
 * The submit form's state, saved to localStorage as it is typed (and at once when the page
 * is hidden), so a reload, a lost connection or a trip to sign-in loses nothing.
 */
export function useCaseDraft(deputyCode: string, user: { id: string; phone: string | null } | null) {
  const stored = readJson<CaseDraft>(keyFor(deputyCode));
  const usable = stored && stored.v === 1 && stored.deputyCode === deputyCode && typeof stored.idempotencyKey === 'string';
  const initial = usable
    ? { ...blank(deputyCode, user?.id ?? null, user?.phone ?? null), ...stored }
    : blank(deputyCode, user?.id ?? null, user?.phone ?? null);
  if (usable && user && stored.userId && stored.userId !== user.id) {
    // someone else's uploads cannot be attached by this user
    initial.photos = [];
    initial.contactPhone = user.phone ?? '';
  }
  initial.userId = user?.id ?? initial.userId;
  if (!initial.contactPhone && user?.phone) initial.contactPhone = user.phone;

  const draft = reactive<CaseDraft>(initial);
  const restored = Boolean(usable && hasContent(stored));

  let timer: number | undefined;
  let cleared = false;
  const save = () => {
    window.clearTimeout(timer);
    timer = undefined;
    if (cleared) return;
    draft.updatedAt = Date.now();
    writeJson(keyFor(deputyCode), draft);
  };
  watch(
    () => ({ ...draft, updatedAt: 0 }),
    () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 250);
    },
    { deep: true },
  );
  const onHide = () => {
    if (timer !== undefined) save();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  onScopeDispose(() => {
    onHide();
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
  });

  /** After a successful submission: the next draft starts empty, with a new key. */
  function clear() {
    cleared = true;
    window.clearTimeout(timer);
    removeKey(keyFor(deputyCode));
  }

  return { draft, restored, save, clear };
}
