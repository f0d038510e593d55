import { z } from 'zod';
import { isoDateTime } from './schemas.js';
import { SCREEN_CREDENTIAL_STATUSES, SCREEN_VALID_DAYS, screenNameRule } from './screen-constants.js';

/*
 * 大屏凭证: a read-only credential a leader, the office or an admin issues for a wall screen. It
 * reads the cockpit's figures of one region (the issuer's or narrower) and nothing else; its
 * secret is shown once, when issued, and stored only as a hash.
 */

export const screenCredentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  createdByName: z.string(),
  createdAt: isoDateTime(),
  expiresAt: isoDateTime(),
  lastUsedAt: isoDateTime().nullable(),
  revokedAt: isoDateTime().nullable(),
  status: z.enum(SCREEN_CREDENTIAL_STATUSES),
});
export type ScreenCredential = z.infer<typeof screenCredentialSchema>;
export const screenCredentialListSchema = z.object({ items: z.array(screenCredentialSchema) });
export type ScreenCredentialList = z.infer<typeof screenCredentialListSchema>;

export const issueScreenCredentialSchema = z.strictObject(
  {
    name: z
      .string({ error: '名称必须是文字' })
      .trim()
      .superRefine((v, ctx) => {
        const result = screenNameRule(v);
        if (result !== true) ctx.addIssue({ code: 'custom', message: result });
      }),
    /** The region whose figures it reads; absent: the issuer's own. */
    regionId: z.string().min(1).max(64).optional(),
    validDays: z
      .number({ error: '有效期必须是天数' })
      .int({ error: '有效期必须是整天数' })
      .min(SCREEN_VALID_DAYS.min, { error: `有效期至少${SCREEN_VALID_DAYS.min}天` })
      .max(SCREEN_VALID_DAYS.max, { error: `有效期最多${SCREEN_VALID_DAYS.max}天` })
      .default(SCREEN_VALID_DAYS.default),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join('、')}` : undefined) },
);
export type IssueScreenCredentialInput = z.input<typeof issueScreenCredentialSchema>;

/** What issuing answers, once: the secret and the big screen's address with it; neither can be read again. */
export const issuedScreenCredentialSchema = z.object({
  credential: screenCredentialSchema,
  secret: z.string(),
  screenUrl: z.string(),
});
export type IssuedScreenCredential = z.infer<typeof issuedScreenCredentialSchema>;
