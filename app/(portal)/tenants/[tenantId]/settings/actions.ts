'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { updateTenantSettings } from '@/domain/tenants/update-tenant-settings';
import { defineTenantAction } from '@/server/actions/define-action';

const ZTenantSettingsInput = z.object({
  name: z.string().trim().min(1, 'Enter the organisation name.').max(120),
  primaryDomain: z.string().trim().min(1, 'Choose the primary domain.'),
  domains: z.string().default(''),
});

export const updateTenantSettingsAction = defineTenantAction(
  { schema: ZTenantSettingsInput, permission: 'tenant.updateSettings', successMessage: 'Settings saved.' },
  async ({ actor, tenantId, input, services }) => {
    const result = await updateTenantSettings(services, {
      actor,
      tenantId,
      name: input.name,
      primaryDomain: input.primaryDomain,
      domains: input.domains.split(/[\s,;]+/).filter(Boolean),
    });
    if (result.ok) revalidatePath(`/tenants/${tenantId}`, 'layout');
    return result;
  },
);
