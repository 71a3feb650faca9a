'use server';
// The partner centre's actions. Each is bound to the signed-in user's HOME tenant id
// (`action.bind(null, user.tenantId)`); defineTenantAction resolves it on the server,
// and the handler acts as a party of that tenant only — never on behalf of a customer.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { removeAccessAssignment, setAccessAssignment } from '@/domain/partners/access-assignments';
import { addCustomer } from '@/domain/partners/add-customer';
import { changeRelationship } from '@/domain/partners/change-relationship';
import { createStaffMember } from '@/domain/partners/create-staff-member';
import { requestRelationship } from '@/domain/partners/request-relationship';
import { isPartnerRole, MAX_DURATION_DAYS, type PartnerRole } from '@/domain/partners/relationship';
import { isUuid } from '@/domain/shared/ids';
import { isRoleId, type RoleId } from '@/domain/shared/permissions';
import { fail } from '@/domain/shared/result';
import { defineTenantAction, type TenantActionContext, zList } from '@/server/actions/define-action';
import { partyOf } from '@/server/partners/party';
import { changeStaffPartnerRole } from '@/domain/partners/change-staff-role';

const zId = (message: string) => z.string().refine(isUuid, message);
const zRoleList = zList(z.string().max(64));
const zDuration = z.coerce
  .number({ message: 'Enter a number of days.' })
  .int('Enter a whole number of days.')
  .min(1, 'At least 1 day.')
  .max(MAX_DURATION_DAYS, `At most ${MAX_DURATION_DAYS} days.`);
const zSwitch = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/** Acting as a party of one's home tenant: the bound tenant must be it. */
function homeParty(ctx: TenantActionContext<unknown>) {
  if (ctx.tenantId !== ctx.user.tenantId || ctx.actor.onBehalfOf) return null;
  return partyOf(ctx.user);
}
const notFound = () => fail('NOT_FOUND', 'Not found.');

const ZRequest = z.object({
  customerDomain: z.string().trim().min(1, 'Enter the customer’s primary domain.').max(253),
  roles: zRoleList,
  durationDays: zDuration,
  autoExtend: zSwitch,
});

export const requestRelationshipAction = defineTenantAction(
  { schema: ZRequest, successMessage: (v: { customerName: string }) => `Request sent to ${v.customerName}. It waits for their Global Administrator’s approval.` },
  async (ctx) => {
    const party = homeParty(ctx);
    if (!party) return notFound();
    const result = await requestRelationship(ctx.services, { party, ...ctx.input });
    if (result.ok) revalidatePath('/partner', 'layout');
    return result;
  },
);

const ZRelationshipCommand = z.object({ relationshipId: zId('Unknown relationship.') });

export const terminateRelationshipAction = defineTenantAction(
  { schema: ZRelationshipCommand, successMessage: 'The relationship is terminated. Agents no longer have access.' },
  async (ctx) => {
    const party = homeParty(ctx);
    if (!party) return notFound();
    const result = await changeRelationship(ctx.services, { party, relationshipId: ctx.input.relationshipId, decision: 'terminate' });
    if (result.ok) revalidatePath('/partner', 'layout');
    return result.ok ? { ok: true as const, value: undefined } : result;
  },
);

const ZAssignment = z.object({ relationshipId: zId('Unknown relationship.'), groupId: zId('Choose a group.'), roles: zRoleList });

export const setAccessAssignmentAction = defineTenantAction(
  { schema: ZAssignment, successMessage: (v: { groupName: string }) => `Access for ${v.groupName} saved.` },
  async (ctx) => {
    const party = homeParty(ctx);
    if (!party) return notFound();
    const result = await setAccessAssignment(ctx.services, { party, ...ctx.input });
    if (result.ok) revalidatePath('/partner', 'layout');
    return result;
  },
);

export const removeAccessAssignmentAction = defineTenantAction(
  { schema: ZAssignment.omit({ roles: true }), successMessage: (v: { groupName: string }) => `${v.groupName} no longer has access through this relationship.` },
  async (ctx) => {
    const party = homeParty(ctx);
    if (!party) return notFound();
    const result = await removeAccessAssignment(ctx.services, { party, ...ctx.input });
    if (result.ok) revalidatePath('/partner', 'layout');
    return result;
  },
);

const ZAddCustomer = z.object({
  companyName: z.string().max(200).default(''),
  primaryDomain: z.string().max(253).default(''),
  adminName: z.string().max(256).default(''),
  adminUsername: z.string().max(64).default(''),
  roles: zRoleList,
  durationDays: zDuration,
  autoExtend: zSwitch,
});

export const addCustomerAction = defineTenantAction({ schema: ZAddCustomer }, async (ctx) => {
  const party = homeParty(ctx);
  if (!party) return notFound();
  const result = await addCustomer(ctx.services, { party, ...ctx.input });
  if (result.ok) revalidatePath('/partner', 'layout');
  return result;
});

const ZStaff = z.object({
  fullName: z.string().max(256).default(''),
  email: z.string().max(254).default(''),
  partnerRole: z
    .string()
    .optional()
    .transform((v): PartnerRole | null => (isPartnerRole(v) ? v : null)),
  roles: zRoleList.transform((roles) => roles.filter(isRoleId) as RoleId[]),
});

export const createStaffMemberAction = defineTenantAction({ schema: ZStaff }, async (ctx) => {
  const party = homeParty(ctx);
  if (!party) return notFound();
  const result = await createStaffMember(ctx.services, { party, ...ctx.input });
  if (result.ok) revalidatePath('/partner/staff');
  return result;
});

export const changeStaffRoleAction = defineTenantAction(
  {
    schema: z.object({
      userId: z.string().refine(isUuid, 'Unknown staff member.'),
      partnerRole: z
        .string()
        .optional()
        .transform((v): PartnerRole | null => (isPartnerRole(v) ? v : null)),
    }),
  },
  async (ctx) => {
    const party = homeParty(ctx);
    if (!party) return notFound();
    const result = await changeStaffPartnerRole(ctx.services, { party, userId: ctx.input.userId, partnerRole: ctx.input.partnerRole });
    if (result.ok) revalidatePath('/partner/staff');
    return result;
  },
);
