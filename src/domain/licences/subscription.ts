// A tenant's subscription to a product (SKU) with a number of seats (domain.md §4).
// Consumed seats are the assignments of live users (a deleted user's are suspended
// and hold none); available = seats − consumed, never below zero.
import { fail, ok, type Result } from '../shared/result';

/** Flags read by sync eligibility (domain.md §7, R2 and its exceptions). */
export type SubscriptionFlags = {
  /** A valid licence for environments (R2_LICENSE). */
  grantsDataverse: boolean;
  /** A free Dataverse plan that comes with an office licence (R2e_FREE_PLAN). */
  freeDataversePlan: boolean;
  /** A tenant-level marketing licence (R2c_MARKETING). */
  tenantMarketing: boolean;
};

export const SUBSCRIPTION_FLAGS = ['grantsDataverse', 'freeDataversePlan', 'tenantMarketing'] as const satisfies readonly (keyof SubscriptionFlags)[];

export const FLAG_LABELS: Record<keyof SubscriptionFlags, { label: string; description: string }> = {
  grantsDataverse: { label: 'Includes Dataverse', description: 'A valid licence for environments with a Dataverse database.' },
  freeDataversePlan: { label: 'Free Dataverse plan', description: 'Comes with a free Dataverse plan: counts for environments on demand only.' },
  tenantMarketing: { label: 'Tenant marketing', description: 'A tenant-level marketing licence: users are added to environments on demand without a licence of their own.' },
};

export type Subscription = SubscriptionFlags & {
  id: string;
  tenantId: string;
  productName: string;
  seats: number;
};

export type SeatUsage = { seats: number; consumed: number };

/** A subscription with the seats its live assignments take. */
export type SubscriptionWithUsage = Subscription & { consumed: number };

export const consumed = (usage: SeatUsage) => usage.consumed;
export const available = (usage: SeatUsage) => Math.max(0, usage.seats - usage.consumed);
/** May `n` more seats be taken? */
export const canTake = (usage: SeatUsage, n = 1) => Number.isInteger(n) && n >= 0 && usage.consumed + n <= usage.seats;
/** Share of seats taken, 0–100, for a progress bar. */
export const percentUsed = (usage: SeatUsage) => (usage.seats <= 0 ? (usage.consumed > 0 ? 100 : 0) : Math.min(100, Math.round((usage.consumed / usage.seats) * 100)));

export const seatSummary = (usage: SeatUsage) => `${usage.consumed} of ${usage.seats} assigned, ${available(usage)} available`;

export function noSeatsLeftMessage(productName: string, usage: SeatUsage) {
  return `No seats left in ${productName}: ${seatSummary(usage)}.`;
}

/** The refusal when a subscription is full (rule NO_SEATS_LEFT). */
export function noSeatsLeft(subscription: Pick<Subscription, 'id' | 'productName'> & SeatUsage) {
  return fail('LIMIT_EXCEEDED', noSeatsLeftMessage(subscription.productName, subscription), {
    rule: 'NO_SEATS_LEFT',
    fieldErrors: { subscriptionIds: [noSeatsLeftMessage(subscription.productName, subscription)] },
    details: { subscriptionId: subscription.id, productName: subscription.productName, seats: subscription.seats, consumed: subscription.consumed, available: available(subscription) },
  });
}

export const MAX_SEATS = 1_000_000;

/** A seat count as typed by an admin: a whole number from 0 to MAX_SEATS. */
export function checkSeatCount(seats: number): Result<number> {
  if (!Number.isInteger(seats) || seats < 0 || seats > MAX_SEATS) {
    const message = `Enter a whole number from 0 to ${MAX_SEATS.toLocaleString('en')}.`;
    return fail('VALIDATION', message, { fieldErrors: { seats: [message] } });
  }
  return ok(seats);
}

/** The seat count may not go below the seats in use (rule SEATS_BELOW_CONSUMED). */
export function checkSeatsCoverConsumed(subscription: Pick<Subscription, 'productName'> & SeatUsage, seats: number): Result<void> {
  if (seats >= subscription.consumed) return ok(undefined);
  const message = `${subscription.productName} has ${subscription.consumed} seat${subscription.consumed === 1 ? '' : 's'} assigned: the seat count cannot go below ${subscription.consumed} (you asked for ${seats}). Remove licences first.`;
  return fail('CONFLICT', message, {
    rule: 'SEATS_BELOW_CONSUMED',
    fieldErrors: { seats: [`At least ${subscription.consumed}: ${subscription.consumed} seat${subscription.consumed === 1 ? ' is' : 's are'} assigned.`] },
    details: { seats: subscription.seats, consumed: subscription.consumed, requested: seats },
  });
}

export const subscriptionTarget = (subscription: Pick<Subscription, 'id' | 'productName'>) => ({ type: 'subscription', id: subscription.id, name: subscription.productName });
