'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeRoleAssignment } from '@/domain/roles/change-role-assignment';
import { isUuid } from '@/domain/shared/ids';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import { ok } from '@/domain/shared/result';
import { defineTenantAction } from '@/server/actions/define-action';
import { searchUsers } from '@/server/queries/roles';

const ZRoleChange = z.object({
  userId: z.string().refine(isUuid, 'Choose a user.'),
  roleId: z.string().refine(isRoleId, 'Unknown role.').transform((r) => r as RoleId),
  change: z.enum(['add', 'remove']),
});

export const changeRoleAssignmentAction = defineTenantAction({ schema: ZRoleChange, permission: 'role.assign' }, async ({ actor, tenantId, input, services }) => {
  const result = await changeRoleAssignment(services, { actor, tenantId, ...input });
  if (result.ok) revalidatePath(`/tenants/${tenantId}`, 'layout');
  return result;
});

/** The user picker's search (read-only; any admin who may view the directory). */
export const searchUsersAction = defineTenantAction(
  { schema: z.object({ q: z.string().max(100).default('') }), permission: 'directory.read' },
  async ({ tenantId, input }) => ok(await searchUsers(tenantId, input.q)),
);
