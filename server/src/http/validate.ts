import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { zodToApiError } from './errors.js';
// zod's words for issues the schemas do not word themselves, in Chinese (a global setting of zod)
import './zod-messages.js';

/** The shared schemas validate every input; a failure is a 400 with the offending field, in Chinese. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw zodToApiError(result.error as unknown as z.ZodError);
  });
