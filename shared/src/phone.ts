/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** 13812341234 → 138****1234; anything else is masked whole except its last 2 characters. */
export function maskPhone(phone: string): string {
  if (MOBILE_PATTERN.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 2) return '*'.repeat(phone.length);
  return '*'.repeat(phone.length - 2) + phone.slice(-2);
}
