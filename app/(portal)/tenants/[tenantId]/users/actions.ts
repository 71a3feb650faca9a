'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isUuid } from '@/domain/shared/ids';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import { ok } from '@/domain/shared/result';
import { BULK_LIMIT, bulkUserOperation } from '@/domain/users/bulk-user-operation';
import { createUser } from '@/domain/users/create-user';
import { deleteUser } from '@/domain/users/delete-user';
import { PROFILE_MAX_LENGTH } from '@/domain/users/profile-rules';
import { purgeUser } from '@/domain/users/purge-user';
import { resetPassword } from '@/domain/users/reset-password';
import { restoreUser } from '@/domain/users/restore-user';
import { setSignInBlocked } from '@/domain/users/set-sign-in-blocked';
import { updateUser } from '@/domain/users/update-user';
import { defineTenantAction, zList, zOptionalText } from '@/server/actions/define-action';
import { syncAfterChange } from '@/server/environments/after-change';
import { db } from '@/server/db/client';
import { listUserIdsMatching, parseUserListFilter } from '@/server/queries/users-list';

const usersPath = (tenantId: string) => `/tenants/${tenantId}/users`;
const zUserId = z.string().refine(isUuid, 'Unknown user.');
const zRoles = zList(z.string()).transform((roles) => roles.filter(isRoleId) as RoleId[]);

// The limits are the domain's (PROFILE_MAX_LENGTH), which an imported row meets too.
const max = PROFILE_MAX_LENGTH;
const ZProfile = z.object({
  displayName: z.string().trim().min(1, 'Enter a display name.').max(max.displayName, `Use at most ${max.displayName} characters.`),
  firstName: zOptionalText(max.firstName),
  lastName: zOptionalText(max.lastName),
  jobTitle: zOptionalText(max.jobTitle),
  department: zOptionalText(max.department),
  officeLocation: zOptionalText(max.officeLocation),
  officePhone: zOptionalText(max.officePhone),
  mobilePhone: zOptionalText(max.mobilePhone),
  faxNumber: zOptionalText(max.faxNumber),
  streetAddress: zOptionalText(max.streetAddress),
  city: zOptionalText(max.city),
  stateOrProvince: zOptionalText(max.stateOrProvince),
  postalCode: zOptionalText(max.postalCode),
  countryOrRegion: zOptionalText(max.countryOrRegion),
  usageLocation: zOptionalText(2),
  alternateEmail: zOptionalText(max.alternateEmail),
});

const ZCreateUserInput = ZProfile.extend({
  signInMethod: z.enum(['email', 'username']),
  email: z.string().optional().default(''),
  username: z.string().optional().default(''),
  blockSignIn: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  roles: zRoles,
});

export const createUserAction = defineTenantAction(
  { schema: ZCreateUserInput, permission: 'user.create' },
  async ({ actor, tenantId, input, services }) => {
    const { signInMethod, email, username, blockSignIn, roles, ...profile } = input;
    const result = await createUser(services, {
      actor,
      tenantId,
      signInMethod,
      signInValue: signInMethod === 'email' ? email : username,
      profile,
      blockSignIn,
      roles,
    });
    if (result.ok) {
      await syncAfterChange(tenantId, [result.value.id]);
      revalidatePath(usersPath(tenantId));
    }
    return result;
  },
);

const ZUpdateUserInput = ZProfile.extend({
  userId: zUserId,
  rowVersion: z.coerce.number().int().min(1),
  rolesIncluded: z.string().optional(),
  roles: zRoles,
});

export const updateUserAction = defineTenantAction(
  { schema: ZUpdateUserInput, successMessage: 'Changes saved.' },
  async ({ actor, tenantId, input, services }) => {
    const { userId, rowVersion, rolesIncluded, roles, ...profile } = input;
    const result = await updateUser(services, {
      actor,
      tenantId,
      userId,
      expectedRowVersion: rowVersion,
      profile,
      roles: rolesIncluded === '1' ? roles : undefined,
    });
    if (result.ok) {
      await syncAfterChange(tenantId, [userId]);
      revalidatePath(`${usersPath(tenantId)}/${userId}`);
    }
    return result;
  },
);

const ZUserCommand = z.object({ userId: zUserId });

export const resetPasswordAction = defineTenantAction({ schema: ZUserCommand }, async ({ actor, tenantId, input, services }) => {
  const result = await resetPassword(services, { actor, tenantId, userId: input.userId });
  if (result.ok) revalidatePath(`${usersPath(tenantId)}/${input.userId}`);
  return result;
});

export const setSignInBlockedAction = defineTenantAction(
  { schema: ZUserCommand.extend({ blocked: z.enum(['true', 'false']).transform((v) => v === 'true') }) },
  async ({ actor, tenantId, input, services }) => {
    const result = await setSignInBlocked(services, { actor, tenantId, userId: input.userId, blocked: input.blocked });
    if (result.ok) {
      await syncAfterChange(tenantId, [input.userId]);
      revalidatePath(usersPath(tenantId), 'layout');
    }
    return result.ok ? { ...result, message: input.blocked ? 'Sign-in blocked. Open sessions have ended.' : 'Sign-in unblocked.' } : result;
  },
);

export const deleteUserAction = defineTenantAction({ schema: ZUserCommand }, async ({ actor, tenantId, input, services }) => {
  const result = await deleteUser(services, { actor, tenantId, userId: input.userId });
  if (result.ok) {
    await syncAfterChange(tenantId, [input.userId]);
    revalidatePath(usersPath(tenantId), 'layout');
  }
  return result;
});

export const restoreUserAction = defineTenantAction(
  { schema: ZUserCommand.extend({ newSignInName: zOptionalText(254) }) },
  async ({ actor, tenantId, input, services }) => {
    const result = await restoreUser(services, { actor, tenantId, userId: input.userId, newSignInName: input.newSignInName });
    if (result.ok) {
      await syncAfterChange(tenantId, [input.userId]);
      revalidatePath(usersPath(tenantId), 'layout');
    }
    return result;
  },
);

export const purgeUserAction = defineTenantAction({ schema: ZUserCommand }, async ({ actor, tenantId, input, services }) => {
  const result = await purgeUser(services, { actor, tenantId, userId: input.userId });
  if (result.ok) revalidatePath(usersPath(tenantId), 'layout');
  return result.ok ? { ...result, message: `${result.value.displayName} was deleted permanently.` } : result;
});

const ZBulkInput = z.object({
  operation: z.enum(['block', 'unblock', 'delete']),
  userIds: zList(zUserId),
  selectAll: z.string().optional(),
  q: z.string().optional(),
  status: z.string().optional(),
  kind: z.string().optional(),
  admin: z.string().optional(),
  sort: z.string().optional(),
  dir: z.string().optional(),
});

export const bulkUsersAction = defineTenantAction({ schema: ZBulkInput }, async ({ actor, tenantId, input, services }) => {
  let userIds = input.userIds;
  if (input.selectAll === '1') {
    // "All N matching": the server runs the filter again; the client never sends the list.
    const filter = parseUserListFilter({ q: input.q, status: input.status, kind: input.kind, admin: input.admin, sort: input.sort, dir: input.dir });
    const matching = await listUserIdsMatching(db(), tenantId, filter, BULK_LIMIT + 1);
    if (matching.total > BULK_LIMIT) {
      return {
        ok: false,
        error: { code: 'LIMIT_EXCEEDED', message: `${matching.total.toLocaleString('en')} users match. Narrow the filter to at most ${BULK_LIMIT.toLocaleString('en')}, or use a bulk job from a CSV file.` },
      };
    }
    userIds = matching.ids;
  }
  if (!userIds.length) return { ok: false, error: { code: 'VALIDATION', message: 'Select at least one user.' } };
  const result = await bulkUserOperation(services, { actor, tenantId, operation: input.operation, userIds });
  await syncAfterChange(tenantId, userIds);
  revalidatePath(usersPath(tenantId), 'layout');
  return ok(result);
});
