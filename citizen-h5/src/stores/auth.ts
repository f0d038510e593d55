import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuthResult, User } from '@minqing/shared';
import { readJson, removeKey, writeJson } from '../utils/storage';

const KEY = 'mq.citizen.session';

interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

function stored(): Session | null {
  const s = readJson<Session>(KEY);
  if (!s || typeof s.token !== 'string' || !s.user || Date.parse(s.expiresAt) <= Date.now()) return null;
  return s;
}

/** Who is signed in on this device: the bearer token and the user it belongs to. */
export const useAuthStore = defineStore('auth', () => {
  const session = ref<Session | null>(stored());

  const token = computed(() => session.value?.token ?? null);
  const user = computed(() => session.value?.user ?? null);
  const signedIn = computed(() => session.value !== null && Date.parse(session.value.expiresAt) > Date.now());

  function setSession(result: AuthResult) {
    session.value = { token: result.token, expiresAt: result.expiresAt, user: result.user };
    writeJson(KEY, session.value);
  }

  function updateUser(next: User) {
    if (!session.value) return;
    session.value = { ...session.value, user: next };
    writeJson(KEY, session.value);
  }

  function signOut() {
    session.value = null;
    removeKey(KEY);
  }

  return { token, user, signedIn, setSession, updateUser, signOut };
});
