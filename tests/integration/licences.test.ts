// Licences with seats against PostgreSQL: the seat lock under real concurrency
// (several clients, so the transactions run on parallel connections), seat counts
// never below the seats in use, seats freed by delete and taken back on restore,
// the read models, and another tenant's subscription NOT_FOUND.
//
// Reset between tests: none needed — the file works on its own clone of the
// migrated template, and every test creates its own tenant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignLicences } from '@/domain/licences/assign-licences';
import { bulkAssignLicence } from '@/domain/licences/bulk-assign-licence';
import { removeLicence } from '@/domain/licences/remove-licence';
import { setSeatCount } from '@/domain/licences/set-seat-count';
import { manualClock, SECOND } from '@/domain/shared/clock';
import type { Actor } from '@/domain/shared/permissions';
import type { Transaction } from '@/domain/shared/unit-of-work';
import { deleteUser } from '@/domain/users/delete-user';
import { restoreUser } from '@/domain/users/restore-user';
import { createPrismaClient, type Db } from '@/server/db/client';
import { prismaTransaction } from '@/server/db/transaction';
import { getSubscriptionSummary, listAssignmentCandidates, listSubscriptionAssignees, listSubscriptions, listUserLicences } from '@/server/queries/licences';
import { createTenant, createUser as insertUser } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('licences (real PostgreSQL)', () => {
  let t: TestDatabase;
  /** Extra clients, each with its own pool: racing transactions really run side by side. */
  let racers: Db[] = [];
  const clock = manualClock('2026-05-01T08:00:00Z');
  let deps: { clock: typeof clock; transaction: Transaction };

  beforeAll(async () => {
    t = await createTestDatabase();
    deps = { clock, transaction: prismaTransaction(t.prisma) };
    racers = Array.from({ length: 4 }, () => createPrismaClient(t.url, 6));
  });
  afterAll(async () => {
    await Promise.all(racers.map((r) => r.$disconnect()));
    await t.drop();
  });

  async function tenantWithAdmin() {
    const tenant = await createTenant(t.prisma);
    const admin = await insertUser(t.prisma, tenant, { localPart: 'admin', displayName: 'Admin', roles: ['globalAdministrator'] });
    const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] };
    return { tenant, admin, actor };
  }
  const subscription = (tenantId: string, productName: string, seats: number, flags: { grantsDataverse?: boolean } = {}) =>
    t.prisma.subscription.create({ data: { tenantId, productName, seats, ...flags }, select: { id: true, productName: true } });
  const consumed = (subscriptionId: string) => t.prisma.licenceAssignment.count({ where: { subscriptionId, suspendedAt: null } });
  const users = (tenant: { id: string; primaryDomain: string }, count: number, prefix: string) =>
    Promise.all(Array.from({ length: count }, (_, i) => insertUser(t.prisma, tenant, { displayName: `${prefix} ${String(i + 1).padStart(2, '0')}` })));
  /** Deps whose transactions run on the i-th client (round robin over the racers and the main one). */
  const depsOn = (i: number) => ({ clock, transaction: prismaTransaction(i % 5 === 4 ? t.prisma : (racers[i % 5] ?? t.prisma)) });

  it('twenty concurrent assignments racing for five free seats: exactly five succeed (repeated)', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const people = await users(tenant, 23, 'Racer');
    for (let round = 1; round <= 4; round++) {
      // 8 seats, 3 taken: 5 free.
      const sub = await subscription(tenant.id, `Power Apps Premium ${round}`, 8);
      await t.prisma.licenceAssignment.createMany({ data: people.slice(20, 23).map((u) => ({ tenantId: tenant.id, subscriptionId: sub.id, userId: u.id })) });

      const outcomes = await Promise.all(
        people.slice(0, 20).map((u, i) => assignLicences(depsOn(i), { actor, tenantId: tenant.id, userId: u.id, subscriptionIds: [sub.id] })),
      );
      const succeeded = outcomes.filter((o) => o.ok);
      const refused = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
      expect(succeeded).toHaveLength(5);
      expect(refused).toHaveLength(15);
      for (const error of refused) {
        expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', rule: 'NO_SEATS_LEFT', message: `No seats left in Power Apps Premium ${round}: 8 of 8 assigned, 0 available.` });
      }
      expect(await consumed(sub.id)).toBe(8);
      expect(await t.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: 'licence.assign', after: { path: ['licences'], array_contains: [sub.productName] } } })).toBe(5);
    }
  });

  it('a seat count lowered while assignments race never ends below the seats in use', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const people = await users(tenant, 10, 'Lower');
    for (let round = 1; round <= 3; round++) {
      const sub = await subscription(tenant.id, `Visio ${round}`, 10);
      const [lowered, ...assigned] = await Promise.all([
        setSeatCount(depsOn(3), { actor, tenantId: tenant.id, subscriptionId: sub.id, seats: 4 }),
        ...people.map((u, i) => assignLicences(depsOn(i), { actor, tenantId: tenant.id, userId: u.id, subscriptionIds: [sub.id] })),
      ]);
      const row = await t.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
      const inUse = await consumed(sub.id);
      expect(inUse).toBeLessThanOrEqual(row.seats);
      expect(assigned.filter((a) => a.ok)).toHaveLength(inUse);
      if (lowered?.ok) expect(row.seats).toBe(4);
      else expect(lowered?.error.rule).toBe('SEATS_BELOW_CONSUMED');
    }
  });

  it('refuses a seat count below the seats in use, naming the numbers; equal is fine', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const sub = await subscription(tenant.id, 'Office 365 E3', 5);
    const people = await users(tenant, 3, 'Seat');
    for (const u of people) expect((await assignLicences(deps, { actor, tenantId: tenant.id, userId: u.id, subscriptionIds: [sub.id] })).ok).toBe(true);

    const below = await setSeatCount(deps, { actor, tenantId: tenant.id, subscriptionId: sub.id, seats: 2 });
    expect(below.ok).toBe(false);
    if (!below.ok) {
      expect(below.error.rule).toBe('SEATS_BELOW_CONSUMED');
      expect(below.error.message).toContain('Office 365 E3 has 3 seats assigned: the seat count cannot go below 3');
    }
    expect((await t.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } })).seats).toBe(5);

    const equal = await setSeatCount(deps, { actor, tenantId: tenant.id, subscriptionId: sub.id, seats: 3 });
    expect(equal.ok && equal.value).toMatchObject({ seats: 3, consumed: 3, changed: true });
    const events = await t.prisma.auditEvent.findMany({ where: { tenantId: tenant.id, action: 'licence.setSeats' }, select: { before: true, after: true, targetName: true } });
    expect(events).toEqual([{ before: { seats: 5 }, after: { seats: 3 }, targetName: 'Office 365 E3' }]);
  });

  it('frees seats on delete and takes them back on restore; with no free seat the licence is listed as not re-assigned', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const e3 = await subscription(tenant.id, 'Office 365 E3', 1);
    const pa = await subscription(tenant.id, 'Power Apps Premium', 2);
    const [mary, bob] = await users(tenant, 2, 'Cycle');
    if (!mary || !bob) throw new Error('users missing');
    expect((await assignLicences(deps, { actor, tenantId: tenant.id, userId: mary.id, subscriptionIds: [e3.id, pa.id] })).ok).toBe(true);
    expect(await consumed(e3.id)).toBe(1);

    clock.advance(SECOND);
    const deleted = await deleteUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    expect(deleted.ok && deleted.value.releasedLicences).toEqual(['Office 365 E3', 'Power Apps Premium']);
    expect(await consumed(e3.id)).toBe(0);
    expect((await getSubscriptionSummary(t.prisma, tenant.id, e3.id))?.available).toBe(1);

    // The freed E3 seat goes to Bob through the ordinary assignment.
    expect((await assignLicences(deps, { actor, tenantId: tenant.id, userId: bob.id, subscriptionIds: [e3.id] })).ok).toBe(true);
    // Assigning to the deleted user is not possible.
    expect((await assignLicences(deps, { actor, tenantId: tenant.id, userId: mary.id, subscriptionIds: [pa.id] })).ok).toBe(false);

    clock.advance(SECOND);
    const restored = await restoreUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    expect(restored.ok && restored.value).toMatchObject({ reassignedLicences: ['Power Apps Premium'], notReassignedLicences: ['Office 365 E3'] });
    expect(await consumed(e3.id)).toBe(1);
    expect((await listUserLicences(t.prisma, tenant.id, mary.id)).map((l) => l.productName)).toEqual(['Power Apps Premium']);
    expect((await listUserLicences(t.prisma, tenant.id, bob.id)).map((l) => l.productName)).toEqual(['Office 365 E3']);
  });

  it('an assignment racing with the user’s deletion never leaves a seat held by a deleted user', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    for (let round = 1; round <= 5; round++) {
      const sub = await subscription(tenant.id, `Race delete ${round}`, 5);
      const [victim] = await users(tenant, 1, `Victim ${round}`);
      if (!victim) throw new Error('user missing');
      await Promise.all([
        assignLicences(depsOn(round), { actor, tenantId: tenant.id, userId: victim.id, subscriptionIds: [sub.id] }),
        deleteUser(depsOn(round + 1), { actor, tenantId: tenant.id, userId: victim.id }),
      ]);
      const user = await t.prisma.user.findUniqueOrThrow({ where: { id: victim.id } });
      expect(user.deletedAt).not.toBeNull();
      expect(await consumed(sub.id)).toBe(0);
    }
  });

  it('bulk assignment stops at the seat limit and reports the rest', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const sub = await subscription(tenant.id, 'Dynamics 365 Sales', 3);
    const people = await users(tenant, 5, 'Bulk');
    const nolo = await insertUser(t.prisma, tenant, { displayName: 'No Location', usageLocation: null });
    const ids = [nolo.id, ...people.map((p) => p.id)];
    const result = await bulkAssignLicence(deps, { actor, tenantId: tenant.id, subscriptionId: sub.id, userIds: ids });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ requested: 6, assigned: 3, alreadyAssigned: 0, seats: 3, consumed: 3 });
    expect(result.value.failed.map((f) => f.rule)).toEqual(['USAGE_LOCATION_REQUIRED', 'NO_SEATS_LEFT', 'NO_SEATS_LEFT']);
    expect(await consumed(sub.id)).toBe(3);
  });

  it('another tenant’s subscription or user is NOT_FOUND, and the read models show nothing across tenants', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const theirs = await subscription(other.tenant.id, 'Their Licence', 5);
    const ours = await subscription(tenant.id, 'Our Licence', 5);
    const [mine] = await users(tenant, 1, 'Mine');
    const [their] = await users(other.tenant, 1, 'Theirs');
    if (!mine || !their) throw new Error('users missing');
    expect((await t.prisma.licenceAssignment.create({ data: { tenantId: other.tenant.id, subscriptionId: theirs.id, userId: their.id } })).userId).toBe(their.id);

    const cases = [
      await assignLicences(deps, { actor, tenantId: tenant.id, userId: mine.id, subscriptionIds: [theirs.id] }),
      await assignLicences(deps, { actor, tenantId: tenant.id, userId: their.id, subscriptionIds: [ours.id] }),
      await assignLicences(deps, { actor, tenantId: other.tenant.id, userId: their.id, subscriptionIds: [theirs.id] }),
      await removeLicence(deps, { actor, tenantId: tenant.id, userId: their.id, subscriptionId: theirs.id }),
      await setSeatCount(deps, { actor, tenantId: tenant.id, subscriptionId: theirs.id, seats: 9 }),
      await bulkAssignLicence(deps, { actor, tenantId: tenant.id, subscriptionId: theirs.id, userIds: [mine.id] }),
      await assignLicences(deps, { actor, tenantId: tenant.id, userId: mine.id, subscriptionIds: ['not-a-uuid'] }),
    ];
    for (const result of cases) expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
    expect(await consumed(theirs.id)).toBe(1);
    expect((await t.prisma.subscription.findUniqueOrThrow({ where: { id: theirs.id } })).seats).toBe(5);

    expect(await getSubscriptionSummary(t.prisma, tenant.id, theirs.id)).toBeNull();
    expect(await listSubscriptionAssignees(t.prisma, tenant.id, theirs.id)).toMatchObject({ rows: [], total: 0 });
    expect(await listUserLicences(t.prisma, tenant.id, their.id)).toEqual([]);
    expect((await listSubscriptions(t.prisma, tenant.id)).rows.map((r) => r.productName)).toEqual(['Our Licence']);
  });

  it('read models: seats per subscription, assignees with search and keyset paging, candidates with who holds it', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const sub = await subscription(tenant.id, 'Power BI Pro', 30, { grantsDataverse: true });
    await subscription(tenant.id, 'Exchange Online', 2);
    const people = await users(tenant, 12, 'Reader');
    for (const u of people) expect((await assignLicences(deps, { actor, tenantId: tenant.id, userId: u.id, subscriptionIds: [sub.id] })).ok).toBe(true);
    const gone = people[11];
    if (!gone) throw new Error('user missing');
    await deleteUser(deps, { actor, tenantId: tenant.id, userId: gone.id });

    const list = await listSubscriptions(t.prisma, tenant.id);
    expect(list.rows.map((r) => [r.productName, r.seats, r.consumed, r.available])).toEqual([
      ['Exchange Online', 2, 0, 2],
      ['Power BI Pro', 30, 11, 19],
    ]);
    expect(list.rows[1]?.flags).toEqual({ grantsDataverse: true, freeDataversePlan: false, tenantMarketing: false });
    expect((await listSubscriptions(t.prisma, tenant.id, { q: 'bi p' })).rows.map((r) => r.productName)).toEqual(['Power BI Pro']);
    const firstSubs = await listSubscriptions(t.prisma, tenant.id, {}, { size: 1 });
    expect(firstSubs.nextCursor).not.toBeNull();
    expect((await listSubscriptions(t.prisma, tenant.id, {}, { size: 1, after: firstSubs.nextCursor ?? '' })).rows.map((r) => r.productName)).toEqual(['Power BI Pro']);

    // Paging through the 11 live assignees 5 at a time, forwards then back.
    const seen: string[] = [];
    let page = await listSubscriptionAssignees(t.prisma, tenant.id, sub.id, {}, { size: 5 });
    expect(page.total).toBe(11);
    expect(page.prevCursor).toBeNull();
    seen.push(...page.rows.map((r) => r.displayName));
    while (page.nextCursor) {
      page = await listSubscriptionAssignees(t.prisma, tenant.id, sub.id, {}, { size: 5, after: page.nextCursor });
      seen.push(...page.rows.map((r) => r.displayName));
    }
    expect(seen).toEqual(people.slice(0, 11).map((p) => p.displayName));
    const back = await listSubscriptionAssignees(t.prisma, tenant.id, sub.id, {}, { size: 5, before: page.prevCursor ?? '' });
    expect(back.rows.map((r) => r.displayName)).toEqual(seen.slice(5, 10));

    const searched = await listSubscriptionAssignees(t.prisma, tenant.id, sub.id, { q: 'reader 0' });
    expect(searched.rows.map((r) => r.displayName)).toEqual(people.slice(0, 9).map((p) => p.displayName));
    expect((await listSubscriptionAssignees(t.prisma, tenant.id, sub.id, { q: '100%_' })).total).toBe(0);

    const candidates = await listAssignmentCandidates(t.prisma, tenant.id, sub.id, { q: 'Reader 01', sort: 'displayName', dir: 'asc' });
    expect(candidates.rows.map((r) => [r.displayName, r.hasLicence, r.usageLocation])).toEqual([['Reader 01', true, 'US']]);
    const admins = await listAssignmentCandidates(t.prisma, tenant.id, sub.id, { q: 'Admin', sort: 'displayName', dir: 'asc' });
    expect(admins.rows.map((r) => [r.displayName, r.hasLicence])).toEqual([['Admin', false]]);
  });
});
