'use server';

import { revalidatePath } from 'next/cache';
import { syncAfterChange } from '@/server/environments/after-change';
import { z } from 'zod';
import { addMembers, ADD_MEMBERS_LIMIT } from '@/domain/groups/add-members';
import { addOwners } from '@/domain/groups/add-owners';
import { createGroup } from '@/domain/groups/create-group';
import { deleteGroup } from '@/domain/groups/delete-group';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from '@/domain/groups/group';
import { authorizeGroupChange } from '@/domain/groups/group-permissions';
import { removeMember } from '@/domain/groups/remove-member';
import { removeOwner } from '@/domain/groups/remove-owner';
import { updateGroup } from '@/domain/groups/update-group';
import { isUuid } from '@/domain/shared/ids';
import { ok } from '@/domain/shared/result';
import { defineTenantAction, zList } from '@/server/actions/define-action';
import { db } from '@/server/db/client';
import { searchGroupCandidates, searchUserCandidates, type GroupCandidate, type UserCandidate } from '@/server/queries/groups';
import { prismaGroupRepository } from '@/server/repositories/group-repository';

const groupsPath = (tenantId: string) => `/tenants/${tenantId}/groups`;
/** Membership changes show on the groups list (counts), the group's page and the user page's Groups tab. */
const revalidateTenant = (tenantId: string) => revalidatePath(`/tenants/${tenantId}`, 'layout');
const zGroupId = z.string().refine(isUuid, 'Unknown group.');
const zUserId = z.string().refine(isUuid, 'Unknown user.');

// Lengths are checked by the domain too; these keep absurd input out early, beside the field.
const ZGroupFields = z.object({
  name: z.string().max(GROUP_NAME_MAX * 4, `Use at most ${GROUP_NAME_MAX} characters.`).default(''),
  description: z.string().max(GROUP_DESCRIPTION_MAX * 4, `Use at most ${GROUP_DESCRIPTION_MAX} characters.`).optional(),
});

export const createGroupAction = defineTenantAction({ schema: ZGroupFields, permission: 'group.manage' }, async ({ actor, tenantId, input, services }) => {
  const result = await createGroup(services, { actor, tenantId, name: input.name, description: input.description ?? null });
  if (result.ok) revalidatePath(groupsPath(tenantId));
  return result;
});

export const updateGroupAction = defineTenantAction(
  { schema: ZGroupFields.extend({ groupId: zGroupId, rowVersion: z.coerce.number().int().min(1) }), successMessage: 'Changes saved.' },
  async ({ actor, tenantId, input, services }) => {
    const result = await updateGroup(services, { actor, tenantId, groupId: input.groupId, expectedRowVersion: input.rowVersion, name: input.name, description: input.description ?? null });
    if (result.ok) revalidateTenant(tenantId);
    return result;
  },
);

export const deleteGroupAction = defineTenantAction({ schema: z.object({ groupId: zGroupId }) }, async ({ actor, tenantId, input, services }) => {
  const result = await deleteGroup(services, { actor, tenantId, groupId: input.groupId });
  if (result.ok) revalidateTenant(tenantId);
  return result;
});

const ZAddMembers = z.object({
  groupId: zGroupId,
  userIds: zList(zUserId).pipe(z.array(z.string()).max(ADD_MEMBERS_LIMIT, `Add at most ${ADD_MEMBERS_LIMIT} at a time.`)),
  groupIds: zList(zGroupId).pipe(z.array(z.string()).max(ADD_MEMBERS_LIMIT, `Add at most ${ADD_MEMBERS_LIMIT} at a time.`)),
});

export const addMembersAction = defineTenantAction({ schema: ZAddMembers }, async ({ actor, tenantId, input, services }) => {
  const result = await addMembers(services, { actor, tenantId, groupId: input.groupId, userIds: input.userIds, groupIds: input.groupIds });
  if (result.ok) {
    await syncAfterChange(tenantId, input.userIds);
    revalidateTenant(tenantId);
  }
  return result;
});

export const removeMemberAction = defineTenantAction(
  { schema: z.object({ groupId: zGroupId, memberType: z.enum(['user', 'group']), memberId: z.string().refine(isUuid, 'Unknown member.') }) },
  async ({ actor, tenantId, input, services }) => {
    const result = await removeMember(services, { actor, tenantId, ...input });
    if (result.ok) {
      if (input.memberType === 'user') await syncAfterChange(tenantId, [input.memberId]);
      revalidateTenant(tenantId);
    }
    return result;
  },
);

export const addOwnersAction = defineTenantAction(
  { schema: z.object({ groupId: zGroupId, userIds: zList(zUserId).pipe(z.array(z.string()).max(ADD_MEMBERS_LIMIT, `Add at most ${ADD_MEMBERS_LIMIT} at a time.`)) }) },
  async ({ actor, tenantId, input, services }) => {
    const result = await addOwners(services, { actor, tenantId, groupId: input.groupId, userIds: input.userIds });
    if (result.ok) revalidateTenant(tenantId);
    return result;
  },
);

export const removeOwnerAction = defineTenantAction({ schema: z.object({ groupId: zGroupId, userId: zUserId }) }, async ({ actor, tenantId, input, services }) => {
  const result = await removeOwner(services, { actor, tenantId, groupId: input.groupId, userId: input.userId });
  if (result.ok) revalidateTenant(tenantId);
  return result;
});

export type Candidates = { users: UserCandidate[]; groups: GroupCandidate[] };

/**
 * The pickers of "Add members" and "Add owners" (read-only): whoever may make that
 * change to this group — an admin with group.manage, or for members the group's owner.
 */
export const searchCandidatesAction = defineTenantAction(
  { schema: z.object({ groupId: zGroupId, purpose: z.enum(['members', 'owners']), q: z.string().max(100).default('') }) },
  async ({ actor, tenantId, input }) => {
    const group = await prismaGroupRepository(db()).getById(tenantId, input.groupId);
    const allowed = authorizeGroupChange({ actor, tenantId, group, change: input.purpose });
    if (!allowed.ok) return allowed;
    const [users, groups] = await Promise.all([
      searchUserCandidates(db(), tenantId, input.groupId, input.purpose, input.q),
      input.purpose === 'members' ? searchGroupCandidates(db(), tenantId, input.groupId, input.q) : Promise.resolve([]),
    ]);
    return ok<Candidates>({ users, groups });
  },
);
