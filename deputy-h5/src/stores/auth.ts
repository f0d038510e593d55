import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuthResult, Role, User } from '@minqing/shared';
import { readJson, removeKey, writeJson } from '../utils/storage';

const KEY = 'mq.staff.session';

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

/** The role's own home page in the staff app. */
export function homePathFor(role: Role | undefined): string {
  switch (role) {
    case 'deputy':
      return '/inbox';
    case 'office':
    case 'admin':
      return '/triage';
    case 'unit':
      return '/unit';
    case 'leader':
      return '/cockpit';
    default:
      return '/login';
  }
}

/** Who is signed in on this device (deputy, office, unit, leader, admin): token and user. */
export const useAuthStore = defineStore('auth', () => {
  const session = ref<Session | null>(stored());

  const token = computed(() => session.value?.token ?? null);
  const user = computed(() => session.value?.user ?? null);
  const role = computed(() => session.value?.user.role);
  const signedIn = computed(() => session.value !== null && Date.parse(session.value.expiresAt) > Date.now());
  const homePath = computed(() => homePathFor(role.value));

  function setSession(result: AuthResult) {
    session.value = { token: result.token, expiresAt: result.expiresAt, user: result.user };
    writeJson(KEY, session.value);
  }

  function signOut() {
    session.value = null;
    removeKey(KEY);
  }

  return { token, user, role, signedIn, homePath, setSession, signOut };
});
