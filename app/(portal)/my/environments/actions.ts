'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { openEnvironment, type OpenEnvironmentResult } from '@/domain/environments/open-environment';
import { isUuid } from '@/domain/shared/ids';
import type { Result } from '@/domain/shared/result';
import { defineTenantAction } from '@/server/actions/define-action';

/**
 * Open an environment of one's own tenant (first access): no admin role needed.
 * Bind the signed-in user's tenant id; the domain refuses any other tenant.
 */
export const openEnvironmentAction = defineTenantAction(
  { schema: z.object({ environmentId: z.string().refine(isUuid, 'Unknown environment.') }) },
  async ({ actor, tenantId, input, services }): Promise<Result<OpenEnvironmentResult>> => {
    const result = await openEnvironment(services, { actor, tenantId, environmentId: input.environmentId });
    if (result.ok) revalidatePath('/my/environments');
    return result;
  },
);
