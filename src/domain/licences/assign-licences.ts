// Assign one or more licences to one user (domain.md §4; seed 003 "edit a user's
// licences"). A licence needs a usage location: a user without one is refused
// (USAGE_LOCATION_REQUIRED) unless the command carries one, which is then set in
// the same transaction. All or nothing: when one subscription has no seat left
// (NO_SEATS_LEFT), nothing is assigned and the usage location is not changed.
import type { Clock } from '../shared/clock';
import { countryName, isCountryCode } from '../shared/countries';
import { authorize, type Actor } from '../shared/permissions';
import { fail, ok, type Result } from '../shared/result';
import type { Transaction } from '../shared/unit-of-work';
import { staleEdit } from '../users/update-user';
import { auditActor, targetOf } from '../users/user-audit';
import { canTake, noSeatsLeft, type SubscriptionWithUsage } from './subscription';

export type AssignLicencesCommand = {
  actor: Actor;
  tenantId: string;
  userId: string;
  subscriptionIds: readonly string[];
  /** ISO 3166 code to set as the user's usage location in the same step (needed when they have none). */
  usageLocation?: string | null;
};

export type AssignLicencesResult = {
  displayName: string;
  /** Product names newly assigned. */
  assigned: string[];
  /** Product names the user held already. */
  alreadyAssigned: string[];
  /** The usage location set by this command, or null when it was left alone. */
  usageLocationSet: string | null;
};

export const MAX_LICENCES_PER_COMMAND = 100;

/** The refusal for a user without a usage location (rule USAGE_LOCATION_REQUIRED), with any other field errors. */
export function usageLocationRequired(displayName: string, otherFieldErrors: Record<string, string[]> = {}) {
  return fail('VALIDATION', `${displayName} has no usage location. A licence can only be assigned to a user with one: choose the country where they use it.`, {
    rule: 'USAGE_LOCATION_REQUIRED',
    fieldErrors: { ...otherFieldErrors, usageLocation: ['Choose a usage location: licences need one.'] },
  });
}

export async function assignLicences(deps: { clock: Clock; transaction: Transaction }, command: AssignLicencesCommand): Promise<Result<AssignLicencesResult>> {
  const { actor, tenantId } = command;
  const now = deps.clock.now();
  const subscriptionIds = [...new Set(command.subscriptionIds)];
  if (subscriptionIds.length > MAX_LICENCES_PER_COMMAND) {
    return fail('LIMIT_EXCEEDED', `Choose at most ${MAX_LICENCES_PER_COMMAND} licences at once.`);
  }
  const requestedLocation = command.usageLocation?.trim().toUpperCase() || null;

  return deps.transaction(async (repos) => {
    const user = await repos.users.getById(tenantId, command.userId);
    if (!user) return fail('NOT_FOUND', 'User not found.');
    const allowed = authorize({ actor, tenantId, action: 'licence.assign', target: user });
    if (!allowed.ok) return allowed;

    // Every problem with the input at once, each beside its field.
    const fieldErrors: Record<string, string[]> = {};
    if (!subscriptionIds.length) fieldErrors.subscriptionIds = ['Choose at least one licence.'];
    if (requestedLocation && !isCountryCode(requestedLocation)) fieldErrors.usageLocation = ['Choose a country from the list.'];
    else if (!requestedLocation && !user.usageLocation) return usageLocationRequired(user.displayName, fieldErrors);
    if (Object.keys(fieldErrors).length) {
      return fail('VALIDATION', fieldErrors.subscriptionIds && !fieldErrors.usageLocation ? 'Choose at least one licence.' : 'Check the highlighted fields.', { fieldErrors });
    }

    // Resolve every subscription before anything is locked or written: another tenant's is not found.
    const subscriptions: SubscriptionWithUsage[] = [];
    for (const id of subscriptionIds) {
      const subscription = await repos.licences.getSubscription(tenantId, id);
      if (!subscription) return fail('NOT_FOUND', 'Subscription not found.', { fieldErrors: { subscriptionIds: ['That licence is not one of this tenant’s subscriptions.'] } });
      subscriptions.push(subscription);
    }

    const by = { id: actor.userId, name: actor.displayName };
    let usageLocationSet: string | null = null;
    if (requestedLocation && requestedLocation !== user.usageLocation) {
      const mayLocate = authorize({ actor, tenantId, action: 'user.setUsageLocation', target: user });
      if (!mayLocate.ok) return mayLocate;
      const updated = await repos.users.update(tenantId, user.id, user.rowVersion, { usageLocation: requestedLocation }, { by, now });
      if (updated === 'STALE') {
        const current = await repos.users.getById(tenantId, user.id);
        return current ? staleEdit(current) : fail('NOT_FOUND', 'User not found.');
      }
      if (updated !== 'UPDATED') return fail('CONFLICT', `${user.displayName} could not be updated. Nothing was changed.`);
      await repos.audit.append({
        tenantId,
        occurredAt: now,
        actor: auditActor(actor),
        action: 'user.update',
        target: targetOf(user),
        before: { usageLocation: user.usageLocation },
        after: { usageLocation: requestedLocation },
        detail: `Usage location set to ${countryName(requestedLocation)} to assign licences.`,
      });
      usageLocationSet = requestedLocation;
    }
    // The user first, then subscriptions: the lock order a restore uses too. (Setting the
    // usage location above already holds the user's row, so two such commands queue there.)
    if (!(await repos.licences.lockHolder(tenantId, user.id))) return fail('NOT_FOUND', 'User not found.');

    const held = new Set((await repos.licences.assignmentsOf(tenantId, user.id)).map((l) => l.subscriptionId));
    const alreadyAssigned = subscriptions.filter((s) => held.has(s.id)).map((s) => s.productName).sort();
    const toAssign = subscriptions.filter((s) => !held.has(s.id)).sort((a, b) => (a.productName < b.productName ? -1 : a.productName > b.productName ? 1 : 0));

    const assigned: string[] = [];
    for (const candidate of toAssign) {
      const locked = await repos.licences.lockSubscription(tenantId, candidate.id);
      if (!locked) return fail('NOT_FOUND', 'Subscription not found.');
      if (!canTake(locked, 1)) return noSeatsLeft(locked);
      const outcome = await repos.licences.assign(tenantId, locked.id, user.id, { by, now });
      if (outcome === 'ALREADY_ASSIGNED') alreadyAssigned.push(locked.productName);
      else assigned.push(locked.productName);
    }

    if (assigned.length) {
      await repos.audit.append({
        tenantId,
        occurredAt: now,
        actor: auditActor(actor),
        action: 'licence.assign',
        target: targetOf(user),
        before: null,
        after: { licences: assigned },
      });
    }
    return ok({ displayName: user.displayName, assigned, alreadyAssigned: alreadyAssigned.sort(), usageLocationSet });
  });
}
