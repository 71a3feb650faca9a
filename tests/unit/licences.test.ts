// Licences with seats (issue "Roles, licences with seats, and security groups",
// domain.md §4) through the domain's use cases and the in-memory ports: seat
// arithmetic, the usage-location rule, who may assign, seat counts never below the
// seats in use, bulk assignment that stops at the seat limit, and the audit trail.
import { describe, expect, it } from 'vitest';
import { assignLicences, type AssignLicencesCommand } from '@/domain/licences/assign-licences';
import { bulkAssignLicence } from '@/domain/licences/bulk-assign-licence';
import { removeLicence } from '@/domain/licences/remove-licence';
import { setSeatCount } from '@/domain/licences/set-seat-count';
import { available, canTake, checkSeatCount, consumed, noSeatsLeft, noSeatsLeftMessage, percentUsed } from '@/domain/licences/subscription';
import { manualClock } from '@/domain/shared/clock';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import type { DomainError, Result } from '@/domain/shared/result';
import { deleteUser } from '@/domain/users/delete-user';
import { restoreUser } from '@/domain/users/restore-user';
import { actorFor, aSubscription, aTenant, aUser, InMemoryDirectory, type StoredSubscription, type StoredUser } from '../support/in-memory-repositories';

const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const T0 = new Date('2026-03-01T09:00:00Z');

const PA = aSubscription({ id: 'sub-pa', tenantId: CONTOSO, productName: 'Power Apps Premium', seats: 5, grantsDataverse: true });
const E3 = aSubscription({ id: 'sub-e3', tenantId: CONTOSO, productName: 'Office 365 E3', seats: 1, freeDataversePlan: true });
const FAB_SALES = aSubscription({ id: 'sub-fab', tenantId: FABRIKAM, productName: 'Dynamics 365 Sales', seats: 10 });

const contosoUser = (id: string, displayName: string, roles: RoleId[] = [], overrides: Partial<StoredUser> = {}) =>
  aUser({ id, tenantId: CONTOSO, displayName, signInName: `${id}@contoso.example`, roles, ...overrides });

const staff = (): StoredUser[] => [
  contosoUser('ga', 'Gloria Admin', ['globalAdministrator']),
  contosoUser('licadmin', 'Lena Licences', ['licenseAdministrator']),
  contosoUser('useradmin', 'Uma Users', ['userAdministrator']),
  contosoUser('writer', 'Walt Writer', ['directoryWriters']),
  contosoUser('helpdesk', 'Hank Helpdesk', ['helpdeskAdministrator']),
  contosoUser('reader', 'Rita Reader', ['globalReader']),
  contosoUser('mary', 'Mary Parker', [], { rowVersion: 4 }),
  contosoUser('nolo', 'Noah Nowhere', [], { usageLocation: null, rowVersion: 2 }),
  aUser({ id: 'fay', tenantId: FABRIKAM, displayName: 'Fay Fabrikam', roles: ['globalAdministrator'] }),
  aUser({ id: 'fred', tenantId: FABRIKAM, displayName: 'Fred Fabrikam' }),
];

function setup(seed: { users?: StoredUser[]; subscriptions?: StoredSubscription[] } = {}) {
  const clock = manualClock(T0);
  const directory = new InMemoryDirectory({
    tenants: [aTenant({ id: CONTOSO, name: 'Contoso' }), aTenant({ id: FABRIKAM, name: 'Fabrikam' })],
    users: [...staff(), ...(seed.users ?? [])],
    subscriptions: seed.subscriptions ?? [PA, E3, FAB_SALES],
  });
  const deps = { clock, transaction: directory.transaction };
  const actor = (id: string): Actor => actorFor(directory.user(id));
  const assign = (by: string, command: Omit<AssignLicencesCommand, 'actor' | 'tenantId'> & { tenantId?: string }) =>
    assignLicences(deps, { tenantId: CONTOSO, ...command, actor: actor(by) });
  return { clock, directory, deps, actor, assign };
}

/** `count` ordinary Contoso users, u1…uN, with a usage location. */
const someUsers = (count: number, overrides: Partial<StoredUser> = {}) =>
  Array.from({ length: count }, (_, i) => contosoUser(`u${i + 1}`, `User ${String(i + 1).padStart(2, '0')}`, [], overrides));

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}
function errorOf(result: Result<unknown>): DomainError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}
const stateOf = (directory: InMemoryDirectory) =>
  structuredClone({ users: directory.users, subscriptions: directory.subscriptions, licences: directory.licenceAssignments, audit: directory.audit });

// ---------------------------------------------------------------------------------------------

describe('seat arithmetic', () => {
  it.each([
    { seats: 5, used: 0, free: 0 + 5, take1: true, take5: true, take6: false },
    { seats: 5, used: 4, free: 1, take1: true, take5: false, take6: false },
    { seats: 5, used: 5, free: 0, take1: false, take5: false, take6: false },
    { seats: 0, used: 0, free: 0, take1: false, take5: false, take6: false },
    // Seats lowered outside the portal below what is in use: nothing available, never negative.
    { seats: 3, used: 4, free: 0, take1: false, take5: false, take6: false },
  ])('$used of $seats in use: $free available', ({ seats, used, free, take1, take5, take6 }) => {
    const usage = { seats, consumed: used };
    expect(consumed(usage)).toBe(used);
    expect(available(usage)).toBe(free);
    expect(canTake(usage, 1)).toBe(take1);
    expect(canTake(usage, 5)).toBe(take5);
    expect(canTake(usage, 6)).toBe(take6);
    expect(canTake(usage, 0)).toBe(used <= seats);
  });

  it('refuses odd requests (negative or fractional seats)', () => {
    expect(canTake({ seats: 5, consumed: 0 }, -1)).toBe(false);
    expect(canTake({ seats: 5, consumed: 0 }, 1.5)).toBe(false);
  });

  it('shows usage as a percentage for the progress bar', () => {
    expect(percentUsed({ seats: 5, consumed: 5 })).toBe(100);
    expect(percentUsed({ seats: 4, consumed: 1 })).toBe(25);
    expect(percentUsed({ seats: 0, consumed: 0 })).toBe(0);
    expect(percentUsed({ seats: 3, consumed: 4 })).toBe(100);
  });

  it('names the subscription and the numbers when no seat is left', () => {
    expect(noSeatsLeftMessage('Power Apps Premium', { seats: 5, consumed: 5 })).toBe('No seats left in Power Apps Premium: 5 of 5 assigned, 0 available.');
    const error = errorOf(noSeatsLeft({ id: 'sub-pa', productName: 'Power Apps Premium', seats: 5, consumed: 5 }));
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', rule: 'NO_SEATS_LEFT', details: { seats: 5, consumed: 5, available: 0 } });
  });

  it.each([
    [0, true],
    [1_000_000, true],
    [-1, false],
    [2.5, false],
    [Number.NaN, false],
    [1_000_001, false],
  ])('seat count %s is %s', (seats, valid) => {
    expect(checkSeatCount(seats).ok).toBe(valid);
  });
});

// ---------------------------------------------------------------------------------------------

describe('assignLicences', () => {
  it('assigns several licences at once, takes the seats, and audits it', async () => {
    const { directory, assign } = setup();
    const result = valueOf(await assign('licadmin', { userId: 'mary', subscriptionIds: [PA.id, E3.id] }));
    expect(result).toEqual({ displayName: 'Mary Parker', assigned: ['Office 365 E3', 'Power Apps Premium'], alreadyAssigned: [], usageLocationSet: null });
    expect(directory.licencesOf('mary').map((a) => [a.subscriptionId, a.assignedAt, a.suspendedAt])).toEqual([
      [E3.id, T0, null],
      [PA.id, T0, null],
    ]);
    expect(directory.freeSeats(PA.id)).toBe(4);
    expect(directory.freeSeats(E3.id)).toBe(0);
    expect(directory.audit).toEqual([
      expect.objectContaining({
        tenantId: CONTOSO,
        occurredAt: T0,
        action: 'licence.assign',
        actor: { userId: 'licadmin', displayName: 'Lena Licences', onBehalfOf: null },
        target: { type: 'user', id: 'mary', name: 'Mary Parker' },
        after: { licences: ['Office 365 E3', 'Power Apps Premium'] },
      }),
    ]);
  });

  it('takes each seat under the subscription lock, after locking the user (the order a restore uses)', async () => {
    const { directory, assign } = setup();
    valueOf(await assign('ga', { userId: 'mary', subscriptionIds: [PA.id, E3.id] }));
    expect(directory.locks).toEqual([
      { kind: 'user', id: 'mary' },
      { kind: 'subscription', id: E3.id },
      { kind: 'subscription', id: PA.id },
    ]);
  });

  it('reports licences the user already holds and assigns the rest', async () => {
    const { directory, assign } = setup();
    directory.assignLicence(PA.id, 'mary');
    const result = valueOf(await assign('ga', { userId: 'mary', subscriptionIds: [PA.id, E3.id, PA.id] }));
    expect(result).toMatchObject({ assigned: ['Office 365 E3'], alreadyAssigned: ['Power Apps Premium'] });
    expect(directory.freeSeats(PA.id)).toBe(4);
  });

  it('writes nothing when every licence is held already', async () => {
    const { directory, assign } = setup();
    directory.assignLicence(PA.id, 'mary');
    expect(valueOf(await assign('ga', { userId: 'mary', subscriptionIds: [PA.id] }))).toMatchObject({ assigned: [], alreadyAssigned: ['Power Apps Premium'] });
    expect(directory.audit).toEqual([]);
  });

  it('refuses a full subscription with the numbers, and assigns none of the others (all or nothing)', async () => {
    const { directory, assign } = setup();
    directory.assignLicence(E3.id, 'writer');
    const before = stateOf(directory);
    const error = errorOf(await assign('ga', { userId: 'mary', subscriptionIds: [PA.id, E3.id] }));
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', rule: 'NO_SEATS_LEFT', message: 'No seats left in Office 365 E3: 1 of 1 assigned, 0 available.' });
    expect(error.fieldErrors?.subscriptionIds).toEqual(['No seats left in Office 365 E3: 1 of 1 assigned, 0 available.']);
    expect(stateOf(directory)).toEqual(before);
  });

  it('counts only live users: a deleted user’s suspended licence leaves its seat free', async () => {
    const { directory, assign } = setup({ users: [contosoUser('gone', 'Gone Girl', [], { deletedAt: new Date('2026-02-20T00:00:00Z') })] });
    directory.assignLicence(E3.id, 'gone', { suspendedAt: new Date('2026-02-20T00:00:00Z') });
    valueOf(await assign('ga', { userId: 'mary', subscriptionIds: [E3.id] }));
    expect(directory.freeSeats(E3.id)).toBe(0);
  });

  it('asks for at least one licence', async () => {
    const { assign } = setup();
    expect(errorOf(await assign('ga', { userId: 'mary', subscriptionIds: [] }))).toMatchObject({ code: 'VALIDATION', fieldErrors: { subscriptionIds: ['Choose at least one licence.'] } });
  });

  describe('usage location (a licence needs one)', () => {
    it('refuses a user without a usage location, with the error on the usage location field', async () => {
      const { directory, assign } = setup();
      const before = stateOf(directory);
      const error = errorOf(await assign('licadmin', { userId: 'nolo', subscriptionIds: [PA.id] }));
      expect(error).toMatchObject({ code: 'VALIDATION', rule: 'USAGE_LOCATION_REQUIRED', fieldErrors: { usageLocation: ['Choose a usage location: licences need one.'] } });
      expect(error.message).toContain('Noah Nowhere has no usage location');
      expect(stateOf(directory)).toEqual(before);
    });

    it('sets the usage location and assigns in one step, each audited', async () => {
      const { directory, assign } = setup();
      const result = valueOf(await assign('licadmin', { userId: 'nolo', subscriptionIds: [PA.id], usageLocation: 'de' }));
      expect(result).toEqual({ displayName: 'Noah Nowhere', assigned: ['Power Apps Premium'], alreadyAssigned: [], usageLocationSet: 'DE' });
      const nolo = directory.user('nolo');
      expect(nolo).toMatchObject({ usageLocation: 'DE', rowVersion: 3, updatedByName: 'Lena Licences', updatedAt: T0 });
      expect(directory.licencesOf('nolo')).toHaveLength(1);
      expect(directory.audit.map((e) => [e.action, e.before, e.after])).toEqual([
        ['user.update', { usageLocation: null }, { usageLocation: 'DE' }],
        ['licence.assign', null, { licences: ['Power Apps Premium'] }],
      ]);
    });

    it('sets nothing when the assignment fails: the usage location and the licence go together', async () => {
      const { directory, assign } = setup();
      directory.assignLicence(E3.id, 'writer');
      const error = errorOf(await assign('licadmin', { userId: 'nolo', subscriptionIds: [E3.id], usageLocation: 'DE' }));
      expect(error.rule).toBe('NO_SEATS_LEFT');
      expect(directory.user('nolo')).toMatchObject({ usageLocation: null, rowVersion: 2 });
      expect(directory.audit).toEqual([]);
    });

    it('names every missing field at once: no licence chosen and no usage location', async () => {
      const { assign } = setup();
      expect(errorOf(await assign('licadmin', { userId: 'nolo', subscriptionIds: [] }))).toMatchObject({
        code: 'VALIDATION',
        rule: 'USAGE_LOCATION_REQUIRED',
        fieldErrors: { subscriptionIds: ['Choose at least one licence.'], usageLocation: ['Choose a usage location: licences need one.'] },
      });
    });

    it('refuses a code that is not a country', async () => {
      const { directory, assign } = setup();
      const error = errorOf(await assign('licadmin', { userId: 'nolo', subscriptionIds: [PA.id], usageLocation: 'XX' }));
      expect(error.fieldErrors).toEqual({ usageLocation: ['Choose a country from the list.'] });
      expect(directory.user('nolo').usageLocation).toBeNull();
    });

    it('needs the right to set the usage location as well: Directory Writers reach tier 2 only', async () => {
      const { directory, assign } = setup({ users: [contosoUser('admin-nolo', 'Ada Admin', ['globalAdministrator'], { usageLocation: null })] });
      // Directory Writers may assign licences to anyone, but set usage locations only up to tier 2 (a Global Administrator is tier 3).
      const error = errorOf(await assign('writer', { userId: 'admin-nolo', subscriptionIds: [PA.id], usageLocation: 'FR' }));
      expect(error).toMatchObject({ code: 'FORBIDDEN', rule: 'TIER_CEILING' });
      expect(directory.user('admin-nolo').usageLocation).toBeNull();
    });

    it('refuses a stale copy when someone changed the user in between (rowVersion)', async () => {
      const { directory, deps } = setup();
      // A user repository whose update always finds a newer row, as a concurrent edit would leave it.
      const racing = { ...deps, transaction: ((work) => directory.transaction((repos) => work({ ...repos, users: { ...repos.users, update: async () => 'STALE' as const } }))) as typeof deps.transaction };
      const error = errorOf(await assignLicences(racing, { actor: actorFor(directory.user('ga')), tenantId: CONTOSO, userId: 'nolo', subscriptionIds: [PA.id], usageLocation: 'DE' }));
      expect(error).toMatchObject({ code: 'CONFLICT', rule: 'STALE_VERSION' });
      expect(directory.licencesOf('nolo')).toEqual([]);
    });
  });

  describe('who may assign', () => {
    it.each([
      { by: 'ga', outcome: 'ok' },
      { by: 'licadmin', outcome: 'ok' },
      { by: 'useradmin', outcome: 'ok' },
      { by: 'writer', outcome: 'ok' },
      { by: 'helpdesk', outcome: 'FORBIDDEN' },
      { by: 'reader', outcome: 'FORBIDDEN' },
      { by: 'mary', outcome: 'FORBIDDEN' },
    ])('$by → $outcome', async ({ by, outcome }) => {
      const { directory, assign } = setup();
      const result = await assign(by, { userId: 'nolo', subscriptionIds: [PA.id], usageLocation: 'US' });
      if (outcome === 'ok') {
        expect(valueOf(result).assigned).toEqual(['Power Apps Premium']);
      } else {
        expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_REQUIRED', message: 'Your roles do not allow you to assign or remove licences.' });
        expect(directory.licencesOf('nolo')).toEqual([]);
        expect(directory.user('nolo').usageLocation).toBeNull();
      }
    });

    it('a License Administrator assigns to a Global Administrator too (ceiling: anyone)', async () => {
      const { assign } = setup();
      expect(valueOf(await assign('licadmin', { userId: 'ga', subscriptionIds: [PA.id] })).assigned).toEqual(['Power Apps Premium']);
    });

    it('another tenant’s admin gets NOT_FOUND for a Contoso user, and a Contoso admin for a Fabrikam user or subscription', async () => {
      const { directory, assign, deps, actor } = setup();
      const before = stateOf(directory);
      expect(errorOf(await assignLicences(deps, { actor: actor('fay'), tenantId: CONTOSO, userId: 'mary', subscriptionIds: [PA.id] })).code).toBe('NOT_FOUND');
      expect(errorOf(await assign('ga', { userId: 'fred', subscriptionIds: [PA.id] })).code).toBe('NOT_FOUND');
      expect(errorOf(await assign('ga', { userId: 'mary', subscriptionIds: [FAB_SALES.id] })).code).toBe('NOT_FOUND');
      expect(errorOf(await assign('ga', { userId: 'mary', subscriptionIds: ['sub-unknown'] })).code).toBe('NOT_FOUND');
      expect(stateOf(directory)).toEqual(before);
    });

    it('a deleted user is not found', async () => {
      const { assign } = setup({ users: [contosoUser('gone', 'Gone Girl', [], { deletedAt: T0 })] });
      expect(errorOf(await assign('ga', { userId: 'gone', subscriptionIds: [PA.id] })).code).toBe('NOT_FOUND');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('removeLicence', () => {
  it('frees the seat and audits the removal', async () => {
    const { directory, deps, actor } = setup();
    directory.assignLicence(E3.id, 'mary');
    expect(valueOf(await removeLicence(deps, { actor: actor('licadmin'), tenantId: CONTOSO, userId: 'mary', subscriptionId: E3.id }))).toEqual({
      displayName: 'Mary Parker',
      productName: 'Office 365 E3',
    });
    expect(directory.freeSeats(E3.id)).toBe(1);
    expect(directory.audit).toEqual([expect.objectContaining({ action: 'licence.remove', target: { type: 'user', id: 'mary', name: 'Mary Parker' }, before: { licences: ['Office 365 E3'] } })]);
  });

  it('says so when the user does not hold the licence', async () => {
    const { deps, actor } = setup();
    expect(errorOf(await removeLicence(deps, { actor: actor('ga'), tenantId: CONTOSO, userId: 'mary', subscriptionId: E3.id }))).toMatchObject({
      code: 'CONFLICT',
      message: 'Mary Parker does not hold Office 365 E3. Nothing was changed.',
    });
  });

  it('is refused to a Helpdesk Administrator and NOT_FOUND across tenants', async () => {
    const { directory, deps, actor } = setup();
    directory.assignLicence(E3.id, 'mary');
    expect(errorOf(await removeLicence(deps, { actor: actor('helpdesk'), tenantId: CONTOSO, userId: 'mary', subscriptionId: E3.id })).code).toBe('FORBIDDEN');
    expect(errorOf(await removeLicence(deps, { actor: actor('fay'), tenantId: CONTOSO, userId: 'mary', subscriptionId: E3.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await removeLicence(deps, { actor: actor('fay'), tenantId: FABRIKAM, userId: 'fred', subscriptionId: E3.id })).code).toBe('NOT_FOUND');
    expect(directory.freeSeats(E3.id)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('setSeatCount', () => {
  const setSeats = (context: ReturnType<typeof setup>, by: string, seats: number, subscriptionId = PA.id, tenantId = CONTOSO) =>
    setSeatCount(context.deps, { actor: context.actor(by), tenantId, subscriptionId, seats });

  it('changes the seat count under the subscription lock and audits before and after', async () => {
    const context = setup();
    context.directory.assignLicence(PA.id, 'mary');
    expect(valueOf(await setSeats(context, 'ga', 8))).toEqual({ productName: 'Power Apps Premium', seats: 8, consumed: 1, changed: true });
    expect(context.directory.subscription(PA.id).seats).toBe(8);
    expect(context.directory.locks).toEqual([{ kind: 'subscription', id: PA.id }]);
    expect(context.directory.audit).toEqual([
      expect.objectContaining({ action: 'licence.setSeats', target: { type: 'subscription', id: PA.id, name: 'Power Apps Premium' }, before: { seats: 5 }, after: { seats: 8 } }),
    ]);
  });

  it('may go down to exactly the seats in use, never below (SEATS_BELOW_CONSUMED naming the numbers)', async () => {
    const context = setup({ users: someUsers(3) });
    for (const id of ['u1', 'u2', 'u3']) context.directory.assignLicence(PA.id, id);
    const error = errorOf(await setSeats(context, 'ga', 2));
    expect(error).toMatchObject({ code: 'CONFLICT', rule: 'SEATS_BELOW_CONSUMED', fieldErrors: { seats: ['At least 3: 3 seats are assigned.'] } });
    expect(error.message).toBe('Power Apps Premium has 3 seats assigned: the seat count cannot go below 3 (you asked for 2). Remove licences first.');
    expect(context.directory.subscription(PA.id).seats).toBe(5);
    expect(valueOf(await setSeats(context, 'ga', 3)).seats).toBe(3);
    expect(context.directory.freeSeats(PA.id)).toBe(0);
  });

  it('changes nothing and audits nothing when the count is the same', async () => {
    const context = setup();
    expect(valueOf(await setSeats(context, 'ga', 5)).changed).toBe(false);
    expect(context.directory.audit).toEqual([]);
  });

  it('checks the number, the role and the tenant', async () => {
    const context = setup();
    expect(errorOf(await setSeats(context, 'ga', -1)).fieldErrors?.seats).toEqual(['Enter a whole number from 0 to 1,000,000.']);
    expect(errorOf(await setSeats(context, 'licadmin', 9))).toMatchObject({ code: 'FORBIDDEN', message: 'Your roles do not allow you to change seat counts.' });
    expect(errorOf(await setSeats(context, 'fay', 9)).code).toBe('NOT_FOUND');
    expect(errorOf(await setSeats(context, 'ga', 9, FAB_SALES.id)).code).toBe('NOT_FOUND');
    expect(context.directory.subscription(PA.id).seats).toBe(5);
    expect(context.directory.subscription(FAB_SALES.id).seats).toBe(10);
  });
});

// ---------------------------------------------------------------------------------------------

describe('bulkAssignLicence', () => {
  it('assigns until the seats run out, then reports the rest as "no seats left" without trying them', async () => {
    const context = setup({ users: someUsers(8) });
    context.directory.assignLicence(PA.id, 'writer'); // 4 seats left
    const userIds = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
    const started = context.directory.transactions.started;
    const result = valueOf(await bulkAssignLicence(context.deps, { actor: context.actor('licadmin'), tenantId: CONTOSO, subscriptionId: PA.id, userIds }));
    expect(result).toMatchObject({ productName: 'Power Apps Premium', requested: 8, assigned: 4, alreadyAssigned: 0, seats: 5, consumed: 5 });
    const full = 'No seats left in Power Apps Premium: 5 of 5 assigned, 0 available.';
    expect(result.failed).toEqual(['u5', 'u6', 'u7', 'u8'].map((userId) => ({ userId, reason: full, rule: 'NO_SEATS_LEFT' })));
    expect(context.directory.freeSeats(PA.id)).toBe(0);
    // One read up front, one per user tried (4 + the one that found no seat), one read at the end.
    expect(context.directory.transactions.started - started).toBe(1 + 5 + 1);
    expect(context.directory.audit.filter((e) => e.action === 'licence.assign').map((e) => e.target?.id)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('counts users who already hold it, and lists each refusal with its reason', async () => {
    const context = setup({
      users: [...someUsers(3), contosoUser('nolo2', 'Nia Nowhere', [], { usageLocation: null })],
    });
    context.directory.assignLicence(PA.id, 'u2');
    const result = valueOf(
      await bulkAssignLicence(context.deps, { actor: context.actor('ga'), tenantId: CONTOSO, subscriptionId: PA.id, userIds: ['u1', 'u2', 'nolo2', 'fred', 'u3', 'u1'] }),
    );
    expect(result).toMatchObject({ requested: 5, assigned: 2, alreadyAssigned: 1 });
    expect(result.failed).toEqual([
      { userId: 'nolo2', reason: expect.stringContaining('Nia Nowhere has no usage location'), rule: 'USAGE_LOCATION_REQUIRED' },
      { userId: 'fred', reason: 'User not found.', rule: undefined },
    ]);
  });

  it('is refused as a whole to a role without licence.assign, and NOT_FOUND for another tenant’s subscription', async () => {
    const context = setup({ users: someUsers(2) });
    expect(errorOf(await bulkAssignLicence(context.deps, { actor: context.actor('helpdesk'), tenantId: CONTOSO, subscriptionId: PA.id, userIds: ['u1'] })).code).toBe('FORBIDDEN');
    expect(errorOf(await bulkAssignLicence(context.deps, { actor: context.actor('ga'), tenantId: CONTOSO, subscriptionId: FAB_SALES.id, userIds: ['u1'] })).code).toBe('NOT_FOUND');
    expect(errorOf(await bulkAssignLicence(context.deps, { actor: context.actor('fay'), tenantId: CONTOSO, subscriptionId: PA.id, userIds: ['u1'] })).code).toBe('NOT_FOUND');
    expect(errorOf(await bulkAssignLicence(context.deps, { actor: context.actor('ga'), tenantId: CONTOSO, subscriptionId: PA.id, userIds: [] })).code).toBe('VALIDATION');
    expect(context.directory.licencesOf('u1')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('delete and restore keep the seat rules', () => {
  it('a deleted user’s seat can be assigned; restoring them then finds no free seat and says so', async () => {
    const context = setup();
    valueOf(await context.assign('ga', { userId: 'mary', subscriptionIds: [E3.id] }));
    valueOf(await deleteUser(context.deps, { actor: context.actor('ga'), tenantId: CONTOSO, userId: 'mary' }));
    valueOf(await context.assign('ga', { userId: 'writer', subscriptionIds: [E3.id] }));
    const restored = valueOf(await restoreUser(context.deps, { actor: context.actor('ga'), tenantId: CONTOSO, userId: 'mary' }));
    expect(restored).toMatchObject({ reassignedLicences: [], notReassignedLicences: ['Office 365 E3'] });
    expect(context.directory.freeSeats(E3.id)).toBe(0);
  });
});
