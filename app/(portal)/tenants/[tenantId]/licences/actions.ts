'use server';
// Every licence action of the portal (the licences pages and the user page's
// Licences panel), each through defineTenantAction; the use cases authorise.
import { revalidatePath } from 'next/cache';
import { syncAfterChange } from '@/server/environments/after-change';
import { z } from 'zod';
import { assignLicences, type AssignLicencesResult } from '@/domain/licences/assign-licences';
import { BULK_ASSIGN_LIMIT, bulkAssignLicence, type BulkAssignResult } from '@/domain/licences/bulk-assign-licence';
import { removeLicence } from '@/domain/licences/remove-licence';
import { setSeatCount } from '@/domain/licences/set-seat-count';
import { countryName } from '@/domain/shared/countries';
import { isUuid } from '@/domain/shared/ids';
import { ok, type Result } from '@/domain/shared/result';
import { defineTenantAction, zList, zOptionalText } from '@/server/actions/define-action';
import { db } from '@/server/db/client';
import { userNames } from '@/server/queries/licences';
import { listUserIdsMatching, parseUserListFilter } from '@/server/queries/users-list';

const zUserId = z.string().refine(isUuid, 'Unknown user.');
const zSubscriptionId = z.string().refine(isUuid, 'Unknown subscription.');

function revalidateLicences(tenantId: string, userId?: string) {
  revalidatePath(`/tenants/${tenantId}/licences`, 'layout');
  if (userId) revalidatePath(`/tenants/${tenantId}/users/${userId}`);
}

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

export const assignLicencesAction = defineTenantAction(
  {
    schema: z.object({ userId: zUserId, subscriptionIds: zList(z.string().max(64)), usageLocation: zOptionalText(2) }),
    permission: 'licence.assign',
  },
  async ({ actor, tenantId, input, services }) => {
    const result = await assignLicences(services, { actor, tenantId, userId: input.userId, subscriptionIds: input.subscriptionIds, usageLocation: input.usageLocation });
    if (!result.ok) return result;
    await syncAfterChange(tenantId, [input.userId]);
    revalidateLicences(tenantId, input.userId);
    const { displayName, assigned, alreadyAssigned, usageLocationSet } = result.value;
    const parts = [
      assigned.length ? `Assigned ${list(assigned)} to ${displayName}.` : `${displayName} already holds ${list(alreadyAssigned)}.`,
      assigned.length && alreadyAssigned.length ? `${list(alreadyAssigned)} ${alreadyAssigned.length === 1 ? 'was' : 'were'} already assigned.` : '',
      usageLocationSet ? `Usage location set to ${countryName(usageLocationSet)}.` : '',
    ];
    return { ok: true, value: result.value, message: parts.filter(Boolean).join(' ') } satisfies { ok: true; value: AssignLicencesResult; message: string };
  },
);

export const removeLicenceAction = defineTenantAction(
  { schema: z.object({ userId: zUserId, subscriptionId: zSubscriptionId }), permission: 'licence.assign' },
  async ({ actor, tenantId, input, services }) => {
    const result = await removeLicence(services, { actor, tenantId, userId: input.userId, subscriptionId: input.subscriptionId });
    if (!result.ok) return result;
    await syncAfterChange(tenantId, [input.userId]);
    revalidateLicences(tenantId, input.userId);
    return { ...result, message: `Removed ${result.value.productName} from ${result.value.displayName}. The seat is free.` };
  },
);

export const setSeatCountAction = defineTenantAction(
  {
    schema: z.object({
      subscriptionId: zSubscriptionId,
      // The range is the domain's rule (checkSeatCount); here only "is it a number at all".
      seats: z.string().trim().min(1, 'Enter the number of seats.').transform(Number),
    }),
    permission: 'licence.manageSeats',
  },
  async ({ actor, tenantId, input, services }) => {
    const result = await setSeatCount(services, { actor, tenantId, subscriptionId: input.subscriptionId, seats: input.seats });
    if (!result.ok) return result;
    revalidateLicences(tenantId);
    const { productName, seats, changed } = result.value;
    return { ...result, message: changed ? `${productName} now has ${seats} seat${seats === 1 ? '' : 's'}.` : `${productName} already had ${seats} seats.` };
  },
);

export type BulkAssignReport = BulkAssignResult & { names: Record<string, string> };

const ZBulkAssignInput = z.object({
  subscriptionId: zSubscriptionId,
  userIds: zList(zUserId),
  selectAll: z.string().optional(),
  q: z.string().optional(),
  status: z.string().optional(),
  kind: z.string().optional(),
  admin: z.string().optional(),
  sort: z.string().optional(),
  dir: z.string().optional(),
});

export const bulkAssignLicenceAction = defineTenantAction(
  { schema: ZBulkAssignInput, permission: 'licence.assign' },
  async ({ actor, tenantId, input, services }): Promise<Result<BulkAssignReport>> => {
    let userIds = input.userIds;
    if (input.selectAll === '1') {
      // "All N matching": the server runs the users-list filter again; the client never sends the list.
      const filter = parseUserListFilter({ q: input.q, status: input.status, kind: input.kind, admin: input.admin, sort: input.sort, dir: input.dir });
      const matching = await listUserIdsMatching(db(), tenantId, filter, BULK_ASSIGN_LIMIT + 1);
      if (matching.total > BULK_ASSIGN_LIMIT) {
        return {
          ok: false,
          error: { code: 'LIMIT_EXCEEDED', message: `${matching.total.toLocaleString('en')} users match. Narrow the filter to at most ${BULK_ASSIGN_LIMIT.toLocaleString('en')}.` },
        };
      }
      userIds = matching.ids;
    }
    const result = await bulkAssignLicence(services, { actor, tenantId, subscriptionId: input.subscriptionId, userIds });
    if (!result.ok) return result;
    await syncAfterChange(tenantId, userIds);
    revalidateLicences(tenantId);
    const names = await userNames(db(), tenantId, result.value.failed.slice(0, 200).map((f) => f.userId));
    return ok({ ...result.value, names });
  },
);
