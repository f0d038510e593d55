import { defineStore } from 'pinia';
import { computed, ref, type ComputedRef } from 'vue';
import type { AuthResult, User } from '@minqing/shared';
import { readJson, removeKey, writeJson } from '../storage';

interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

/** What every app's auth store holds; `extend` builds the app's own getters from it. */
export interface AuthCore {
  token: ComputedRef<string | null>;
  user: ComputedRef<User | null>;
  signedIn: ComputedRef<boolean>;
  setSession(result: AuthResult): void;
  /** Waits for a sign-in's answer, keeps its session and gives the user signed in. */
  signIn(answer: Promise<AuthResult>): Promise<User>;
  updateUser(next: User): void;
  signOut(): void;
}

/**
 * The app's `useAuthStore`: who is signed in on this device — the bearer token and the user it
 * belongs to — kept in localStorage under `storageKey` (each app its own) until it expires.
 */
export function createAuthStore<Extra extends object = object>(storageKey: string, extend?: (core: AuthCore) => Extra) {
  function stored(): Session | null {
    const s = readJson<Session>(storageKey);
    if (!s || typeof s.token !== 'string' || !s.user || Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  }

  return defineStore('auth', () => {
    const session = ref<Session | null>(stored());

    const token = computed(() => session.value?.token ?? null);
    const user = computed(() => session.value?.user ?? null);
    const signedIn = computed(() => session.value !== null && Date.parse(session.value.expiresAt) > Date.now());

    function setSession(result: AuthResult) {
      session.value = { token: result.token, expiresAt: result.expiresAt, user: result.user };
      writeJson(storageKey, session.value);
    }

    async function signIn(answer: Promise<AuthResult>) {
      const result = await answer;
      setSession(result);
      return result.user;
    }

    function updateUser(next: User) {
      if (!session.value) return;
      session.value = { ...session.value, user: next };
      writeJson(storageKey, session.value);
    }

    function signOut() {
      session.value = null;
      removeKey(storageKey);
    }

    const core: AuthCore = { token, user, signedIn, setSession, signIn, updateUser, signOut };
    return { ...core, ...(extend?.(core) ?? ({} as Extra)) };
  });
}
