// Remove a licence from a user (domain.md §4): the seat becomes free at once.
// Removing a licence is not the recommended way to stop environment access (an
// administrator stays in as Administrative, domain.md §7); the UI says so.
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor, targetOf } from '../users/user-audit';

export async function removeLicence(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; userId: string; subscriptionId: string },
): Promise<Result<{ displayName: string; productName: string }>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorize({ actor, tenantId, action: 'licence.assign', target: user });
    if (!allowed.ok) return allowed;
    const subscription = await repos.licences.getSubscription(tenantId, command.subscriptionId);
    if (!subscription) return fail('NOT_FOUND', 'Subscription not found.');
    const removed = await repos.licences.remove(tenantId, subscription.id, user.id);
    if (!removed) return fail('CONFLICT', `${user.displayName} does not hold ${subscription.productName}. Nothing was changed.`, { rule: 'NOT_ASSIGNED' });
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'licence.remove',
      target: targetOf(user),
      before: { licences: [subscription.productName] },
      after: null,
    });
    return ok({ displayName: user.displayName, productName: subscription.productName });
  });
}
