// The persistence port for subscriptions and licence assignments (domain.md §3, §4).
// tenantId comes first in every method. Seats are taken race-free: a use case locks
// the subscription row (`lockSubscription`) before it counts and assigns, so two
// admins assigning the last seat at the same moment never both succeed.
import type { Editor } from '../users/user-repository';
import type { SubscriptionWithUsage } from './subscription';

/** An active licence of a user. */
export type UserLicence = { subscriptionId: string; productName: string; assignedAt: Date };

export type LicenceLifecycleRepository = {
  /** Suspends the user's assignments (their seats become free); returns the product names. */
  releaseForDeletedUser(tenantId: string, userId: string, now: Date): Promise<string[]>;
  /**
   * Re-activates the suspended assignments one by one where a seat is free (under a
   * lock on each subscription), drops the others, and says which was which.
   */
  reassignAfterRestore(tenantId: string, userId: string, now: Date): Promise<{ reassigned: string[]; notReassigned: string[] }>;

  /** The tenant's subscriptions by product name, each with its consumed seats. */
  listSubscriptions(tenantId: string): Promise<SubscriptionWithUsage[]>;
  /** One subscription of the tenant with its consumed seats (no lock), or null. */
  getSubscription(tenantId: string, subscriptionId: string): Promise<SubscriptionWithUsage | null>;
  /**
   * Locks the subscription row for the rest of the transaction (SELECT … FOR UPDATE),
   * then counts its consumed seats: the count stays true until the transaction ends.
   */
  lockSubscription(tenantId: string, subscriptionId: string): Promise<SubscriptionWithUsage | null>;
  /**
   * Locks the live user against a concurrent delete (FOR SHARE) for the rest of the
   * transaction; false when there is no live user. Take it before any subscription lock
   * (a restore locks the user, then subscriptions: the same order never deadlocks).
   */
  lockHolder(tenantId: string, userId: string): Promise<boolean>;
  /** The user's active licences, by product name. */
  assignmentsOf(tenantId: string, userId: string): Promise<UserLicence[]>;
  /** Of these users, the ones holding an active licence of the subscription. */
  holdersAmong(tenantId: string, subscriptionId: string, userIds: readonly string[]): Promise<Set<string>>;
  /** Inserts an active assignment; 'ALREADY_ASSIGNED' when the user holds one already. Seats are the caller's business. */
  assign(tenantId: string, subscriptionId: string, userId: string, options: { by: Editor; now: Date }): Promise<'ASSIGNED' | 'ALREADY_ASSIGNED'>;
  /** Removes the user's active assignment; false when there was none. */
  remove(tenantId: string, subscriptionId: string, userId: string): Promise<boolean>;
  setSeats(tenantId: string, subscriptionId: string, seats: number, now: Date): Promise<void>;
};
