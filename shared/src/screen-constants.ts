import { textRule } from './field-rules.js';

/*
 * 大屏凭证's plain constants, apart from the zod schemas in screen.ts so that the big screen and
 * the staff app's page can use them without pulling zod into their chunks.
 */

/** The header a wall screen sends its credential in (never the Authorization of a person's login). */
export const SCREEN_KEY_HEADER = 'X-Screen-Key';
/** A credential's secret: a prefix people can recognise, then 32 random bytes in base64url. */
export const SCREEN_KEY_PATTERN = /^mqs_[A-Za-z0-9_-]{43}$/;
/** How long a credential may be issued for, in days (the form offers a few of these). */
export const SCREEN_VALID_DAYS = { min: 1, max: 366, default: 90, offered: [7, 30, 90, 180, 366] } as const;
export const SCREEN_NAME_MAX = 32;
/** 名称 of a credential, as the form and the server check it. */
export const screenNameRule = textRule('名称', SCREEN_NAME_MAX);

export const SCREEN_CREDENTIAL_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ScreenCredentialStatus = (typeof SCREEN_CREDENTIAL_STATUSES)[number];
export const SCREEN_CREDENTIAL_STATUS_LABELS: Record<ScreenCredentialStatus, string> = {
  active: '有效',
  expired: '已过期',
  revoked: '已撤销',
};

/** The big screen's address with its credential in the fragment (#k=…), which browsers never send to a server. */
export const screenAddress = (origin: string, secret: string) => `${origin.replace(/\/+$/, '')}/deputy/screen#k=${secret}`;
