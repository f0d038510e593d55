import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { zodToApiError } from './errors.js';

/** The shared schemas validate every input; a failure is a 400 with the offending field. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw zodToApiError(result.error as unknown as z.ZodError);
  });
