// Assign one subscription to many users (domain.md §4): each user on its own, in
// its own transaction and under the same seat lock as a single assignment, so one
// refusal (no usage location, above the actor's reach) does not undo the others.
// Once the seats run out, nobody else is tried: the rest are reported as
// "no seats left" (apart from those who already hold the licence).
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { assignLicences } from './assign-licences';

export const BULK_ASSIGN_LIMIT = 5_000;

export type BulkAssignFailure = { userId: string; reason: string; rule?: string };

export type BulkAssignResult = {
  productName: string;
  requested: number;
  assigned: number;
  alreadyAssigned: number;
  failed: BulkAssignFailure[];
  /** The seats after the last attempt. */
  seats: number;
  consumed: number;
};

export async function bulkAssignLicence(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; subscriptionId: string; userIds: readonly string[] },
): Promise<Result<BulkAssignResult>> {
  const { actor, tenantId } = command;
  const allowed = authorize({ actor, tenantId, action: 'licence.assign' });
  if (!allowed.ok) return allowed;
  const userIds = [...new Set(command.userIds)];
  if (!userIds.length) return fail('VALIDATION', 'Select at least one user.', { fieldErrors: { userIds: ['Select at least one user.'] } });
  if (userIds.length > BULK_ASSIGN_LIMIT) {
    return fail('LIMIT_EXCEEDED', `Select at most ${BULK_ASSIGN_LIMIT.toLocaleString('en')} users at once.`);
  }

  // Who holds it already is read once up front (each assignment checks again under the lock).
  const before = await deps.transaction(async (repos) => {
    const subscription = await repos.licences.getSubscription(tenantId, command.subscriptionId);
    if (!subscription) return null;
    return { subscription, holders: await repos.licences.holdersAmong(tenantId, subscription.id, userIds) };
  });
  if (!before) return fail('NOT_FOUND', 'Subscription not found.');
  const { subscription, holders } = before;

  const result: BulkAssignResult = {
    productName: subscription.productName,
    requested: userIds.length,
    assigned: 0,
    alreadyAssigned: 0,
    failed: [],
    seats: subscription.seats,
    consumed: subscription.consumed,
  };
  let full: string | null = null;
  for (const userId of userIds) {
    if (holders.has(userId)) {
      result.alreadyAssigned++;
      continue;
    }
    if (full) {
      result.failed.push({ userId, reason: full, rule: 'NO_SEATS_LEFT' });
      continue;
    }
    const outcome = await assignLicences(deps, { actor, tenantId, userId, subscriptionIds: [subscription.id] });
    if (outcome.ok) {
      if (outcome.value.assigned.length) result.assigned++;
      else result.alreadyAssigned++;
      continue;
    }
    if (outcome.error.rule === 'NO_SEATS_LEFT') full = outcome.error.message;
    result.failed.push({ userId, reason: outcome.error.message, rule: outcome.error.rule });
  }

  const after = await deps.transaction((repos) => repos.licences.getSubscription(tenantId, subscription.id));
  if (after) {
    result.seats = after.seats;
    result.consumed = after.consumed;
  }
  return ok(result);
}
