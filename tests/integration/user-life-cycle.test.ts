// The user life cycle against PostgreSQL: races, optimistic concurrency, seats,
// restore and the purge, with the clock moved by hand.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import { DAY, manualClock, SECOND } from '@/domain/shared/clock';
import type { Actor } from '@/domain/shared/permissions';
import { createUser } from '@/domain/users/create-user';
import { deleteUser } from '@/domain/users/delete-user';
import { purgeExpiredUsers } from '@/domain/users/purge-expired-users';
import { restoreUser } from '@/domain/users/restore-user';
import { updateUser } from '@/domain/users/update-user';
import { prismaTransaction } from '@/server/db/transaction';
import { prismaUserRepository } from '@/server/repositories/user-repository';
import { createTenant, createUser as insertUser, TEST_BCRYPT_COST } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const hasher: PasswordHasher = {
  hash: (p) => bcrypt.hash(p, TEST_BCRYPT_COST),
  verify: (p, h) => bcrypt.compare(p, h),
  verifyDummy: async () => undefined,
};

describe('user life cycle (real PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = manualClock('2026-05-01T08:00:00Z');
  let deps: ReturnType<typeof makeDeps>;
  const makeDeps = (db: TestDatabase['prisma']) => ({ clock, transaction: prismaTransaction(db), hasher, random: (n: number) => randomBytes(n) });

  beforeAll(async () => {
    t = await createTestDatabase();
    deps = makeDeps(t.prisma);
  });
  afterAll(async () => {
    await t.drop();
  });

  async function tenantWithAdmin() {
    const tenant = await createTenant(t.prisma);
    const admin = await insertUser(t.prisma, tenant, { localPart: 'admin', displayName: 'Admin', roles: ['globalAdministrator'] });
    const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] };
    return { tenant, admin, actor };
  }
  const profile = (displayName: string) => ({
    displayName,
    firstName: null, lastName: null, jobTitle: null, department: null, officeLocation: null, officePhone: null, mobilePhone: null,
    faxNumber: null, streetAddress: null, city: null, stateOrProvince: null, postalCode: null, countryOrRegion: null, usageLocation: null, alternateEmail: null,
  });

  it('lets exactly one of two simultaneous creates of the same sign-in name through; the other gets "taken"', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    // Two admin sessions racing, each on its own connection pool.
    const otherConnection = prismaTransaction((await import('@/server/db/client')).createPrismaClient(t.url, 2));
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        createUser(i % 2 ? deps : { ...deps, transaction: otherConnection }, {
          actor, tenantId: tenant.id, signInMethod: 'username', signInValue: i % 3 ? 'Sam.Same' : 'sam.same', profile: profile(`Sam ${i}`), blockSignIn: false, roles: [],
        }),
      ),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    for (const a of attempts.filter((x) => !x.ok)) {
      if (!a.ok) {
        expect(a.error.rule).toBe('SIGN_IN_NAME_TAKEN');
        expect(a.error.details?.suggestions).toHaveLength(3);
      }
    }
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, signInNameKey: `sam.same@${tenant.primaryDomain}` } })).toBe(1);
  });

  it('refuses a save made on an out-of-date copy, names who changed it, and overwrites nothing', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const mary = await insertUser(t.prisma, tenant, { displayName: 'Mary Parker' });
    const other: Actor = { ...actor, userId: (await insertUser(t.prisma, tenant, { displayName: 'Lee Gu', roles: ['userAdministrator'] })).id, displayName: 'Lee Gu', roles: ['userAdministrator'] };
    const first = await updateUser(deps, { actor: other, tenantId: tenant.id, userId: mary.id, expectedRowVersion: 1, profile: { ...profile('Mary Parker'), jobTitle: 'Lawyer' } });
    expect(first.ok).toBe(true);
    const stale = await updateUser(deps, { actor, tenantId: tenant.id, userId: mary.id, expectedRowVersion: 1, profile: { ...profile('Mary P.'), jobTitle: 'Chef' } });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.rule).toBe('STALE_VERSION');
      expect(stale.error.message).toContain('Lee Gu changed Mary Parker');
    }
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: mary.id } });
    expect(row).toMatchObject({ displayName: 'Mary Parker', jobTitle: 'Lawyer', rowVersion: 2 });
  });

  it('frees licence seats on delete and re-assigns them on restore, except where the subscription filled up meanwhile', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const e3 = await t.prisma.subscription.create({ data: { tenantId: tenant.id, productName: 'Office 365 E3', seats: 1 } });
    const pa = await t.prisma.subscription.create({ data: { tenantId: tenant.id, productName: 'Power Apps Premium', seats: 5 } });
    const mary = await insertUser(t.prisma, tenant, { displayName: 'Mary' });
    await t.prisma.licenceAssignment.createMany({ data: [e3, pa].map((s) => ({ tenantId: tenant.id, subscriptionId: s.id, userId: mary.id })) });

    const deleted = await deleteUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    expect(deleted.ok && deleted.value.releasedLicences).toEqual(['Office 365 E3', 'Power Apps Premium']);
    expect(await t.prisma.licenceAssignment.count({ where: { subscriptionId: e3.id, suspendedAt: null } })).toBe(0);

    // Someone takes the only E3 seat while Mary is deleted.
    const bob = await insertUser(t.prisma, tenant, { displayName: 'Bob' });
    await t.prisma.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: e3.id, userId: bob.id } });

    const restored = await restoreUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    expect(restored.ok).toBe(true);
    if (restored.ok) {
      expect(restored.value.reassignedLicences).toEqual(['Power Apps Premium']);
      expect(restored.value.notReassignedLicences).toEqual(['Office 365 E3']);
    }
    expect(await t.prisma.licenceAssignment.count({ where: { subscriptionId: e3.id, suspendedAt: null } })).toBe(1);
  });

  it('brings back roles and group memberships on restore', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const mary = await insertUser(t.prisma, tenant, { displayName: 'Mary', roles: ['licenseAdministrator'] });
    const group = await t.prisma.securityGroup.create({ data: { tenantId: tenant.id, name: 'Sales Team', nameKey: 'sales team' } });
    await t.prisma.groupUserMember.create({ data: { tenantId: tenant.id, groupId: group.id, userId: mary.id } });
    expect((await deleteUser(deps, { actor, tenantId: tenant.id, userId: mary.id })).ok).toBe(true);
    expect(await prismaUserRepository(t.prisma).getById(tenant.id, mary.id)).toBeNull();
    expect((await restoreUser(deps, { actor, tenantId: tenant.id, userId: mary.id })).ok).toBe(true);
    const back = await prismaUserRepository(t.prisma).getById(tenant.id, mary.id);
    expect(back?.roles).toEqual(['licenseAdministrator']);
    expect(await t.prisma.groupUserMember.count({ where: { groupId: group.id, userId: mary.id } })).toBe(1);
  });

  it('lets a deleted user’s sign-in name be taken again, and then asks for a new one on restore', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const mary = await insertUser(t.prisma, tenant, { localPart: 'mary', displayName: 'Mary', password: 'x' });
    await deleteUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    const again = await createUser(deps, { actor, tenantId: tenant.id, signInMethod: 'username', signInValue: 'mary', profile: profile('Mary Two'), blockSignIn: false, roles: [] });
    expect(again.ok).toBe(true);

    const conflict = await restoreUser(deps, { actor, tenantId: tenant.id, userId: mary.id });
    expect(conflict.ok).toBe(false);
    if (!conflict.ok) {
      expect(conflict.error.rule).toBe('SIGN_IN_NAME_TAKEN');
      expect(conflict.error.details?.needsNewSignInName).toBe(true);
      expect(conflict.error.details?.suggestions).toHaveLength(3);
    }
    const renamed = await restoreUser(deps, { actor, tenantId: tenant.id, userId: mary.id, newSignInName: `mary.original@${tenant.primaryDomain}` });
    expect(renamed.ok && renamed.value.signInName).toBe(`mary.original@${tenant.primaryDomain}`);
  });

  it('purges at day 30 + 1 second, not at day 29, and a second run deletes nothing twice', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const start = new Date('2026-06-01T00:00:00Z');
    clock.set(start);
    const users = await Promise.all([1, 2, 3].map((i) => insertUser(t.prisma, tenant, { displayName: `Purge ${i}` })));
    for (const u of users) await deleteUser(deps, { actor, tenantId: tenant.id, userId: u.id });

    clock.set(new Date(start.getTime() + 29 * DAY));
    expect(await purgeExpiredUsers(deps, { batchSize: 2 })).toEqual({ purged: 0 });
    expect((await restoreUser(deps, { actor, tenantId: tenant.id, userId: users[0]!.id })).ok).toBe(true);
    await deleteUser(deps, { actor, tenantId: tenant.id, userId: users[0]!.id }); // deleted again on day 29

    clock.set(new Date(start.getTime() + 30 * DAY + SECOND));
    const restoreTooLate = await restoreUser(deps, { actor, tenantId: tenant.id, userId: users[1]!.id });
    expect(!restoreTooLate.ok && restoreTooLate.error.rule).toBe('RESTORE_WINDOW_PASSED');
    expect(await purgeExpiredUsers(deps, { batchSize: 1 })).toEqual({ purged: 2 });
    expect(await purgeExpiredUsers(deps, { batchSize: 1 })).toEqual({ purged: 0 });
    expect(await t.prisma.user.count({ where: { id: { in: users.map((u) => u.id) } } })).toBe(1);
    const audited = await t.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: 'user.purge' } });
    expect(audited).toBe(2);
  });

  it('runs two purge workers at once without purging anyone twice', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    clock.set('2026-08-01T00:00:00Z');
    const users = await Promise.all(Array.from({ length: 12 }, (_, i) => insertUser(t.prisma, tenant, { displayName: `Parallel ${i}` })));
    for (const u of users) await deleteUser(deps, { actor, tenantId: tenant.id, userId: u.id });
    clock.set('2026-09-15T00:00:00Z');
    const purgedBefore = await t.prisma.auditEvent.count({ where: { action: 'user.purge' } });
    const [a, b] = await Promise.all([purgeExpiredUsers(deps, { batchSize: 3 }), purgeExpiredUsers(deps, { batchSize: 3 })]);
    // Other tests' expired users may be purged too; what matters is that nobody is purged twice.
    const purgeEvents = await t.prisma.auditEvent.groupBy({ by: ['targetId'], where: { action: 'user.purge' }, _count: true });
    expect(purgeEvents.every((e) => e._count === 1)).toBe(true);
    expect((a?.purged ?? 0) + (b?.purged ?? 0)).toBe(purgeEvents.length - purgedBefore);
    expect(await t.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: 'user.purge' } })).toBe(12);
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, deletedAt: { not: null } } })).toBe(0);
  });

  it('never reaches a user of another tenant', async () => {
    const { actor } = await tenantWithAdmin();
    const other = await createTenant(t.prisma);
    const stranger = await insertUser(t.prisma, other, { displayName: 'Stranger' });
    const attempt = await deleteUser(deps, { actor, tenantId: actor.tenantId, userId: stranger.id });
    expect(!attempt.ok && attempt.error.code).toBe('NOT_FOUND');
    expect(await prismaUserRepository(t.prisma).getById(actor.tenantId, stranger.id)).toBeNull();
  });
});
