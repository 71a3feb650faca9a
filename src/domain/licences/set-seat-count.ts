// Change a subscription's seat count: never below the seats in use
// (SEATS_BELOW_CONSUMED). The subscription row is locked while it is checked and
// changed, so an assignment racing with the change cannot slip under it.
import type { Clock } from '../shared/clock';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { auditActor } from '../users/user-audit';
import { checkSeatCount, checkSeatsCoverConsumed, subscriptionTarget } from './subscription';

export type SetSeatCountResult = { productName: string; seats: number; consumed: number; changed: boolean };

export async function setSeatCount(
  deps: { clock: Clock; transaction: Transaction },
  command: { actor: Actor; tenantId: string; subscriptionId: string; seats: number },
): Promise<Result<SetSeatCountResult>> {
  const { actor, tenantId } = command;
  const allowed = authorize({ actor, tenantId, action: 'licence.manageSeats' });
  if (!allowed.ok) return allowed;
  const checked = checkSeatCount(command.seats);
  if (!checked.ok) return checked;
  const seats = checked.value;
  const now = deps.clock.now();

  return deps.transaction(async (repos) => {
    const subscription = await repos.licences.lockSubscription(tenantId, command.subscriptionId);
    if (!subscription) return fail('NOT_FOUND', 'Subscription not found.');
    const covers = checkSeatsCoverConsumed(subscription, seats);
    if (!covers.ok) return covers;
    if (seats === subscription.seats) return ok({ productName: subscription.productName, seats, consumed: subscription.consumed, changed: false });
    await repos.licences.setSeats(tenantId, subscription.id, seats, now);
    await repos.audit.append({
      tenantId,
      occurredAt: now,
      actor: auditActor(actor),
      action: 'licence.setSeats',
      target: subscriptionTarget(subscription),
      before: { seats: subscription.seats },
      after: { seats },
      detail: `${subscription.consumed} seat${subscription.consumed === 1 ? '' : 's'} in use.`,
    });
    return ok({ productName: subscription.productName, seats, consumed: subscription.consumed, changed: true });
  });
}
