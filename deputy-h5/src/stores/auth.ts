import { computed } from 'vue';
import type { Role } from '@minqing/shared';
import { createAuthStore } from '@minqing/h5-common/stores/auth';

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

/** Who is signed in on this device (deputy, office, unit, leader, admin): token and user, role and home page. */
export const useAuthStore = createAuthStore('mq.staff.session', ({ user }) => {
  const role = computed(() => user.value?.role);
  return { role, homePath: computed(() => homePathFor(role.value)) };
});
