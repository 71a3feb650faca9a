// The environment sync against PostgreSQL, over the demo data: the first
// background sync leaves exactly the rows evaluateEligibility predicts for every
// user × environment (read here straight from the tables, not through the sync's
// own loader); running it again changes nothing; deleting a user disables their
// rows and deletes none; ten concurrent adds of non-interactive users leave
// exactly seven (R5 under the environment's lock); another tenant's environment
// is not found.
//
// Reset between tests: none needed — the file works on its own clone of the
// migrated template (dropped afterwards); the tests that change data come last
// and touch users no earlier test reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, seedDemo } from '../../prisma/seed';
import { seedEnvironments } from '../../prisma/seed-environments';
import { addNonInteractiveUser } from '@/domain/environments/add-environment-user';
import { evaluateEligibility, type EligibilityUser } from '@/domain/environments/eligibility';
import type { Environment } from '@/domain/environments/environment';
import { syncRowFields } from '@/domain/environments/field-sync';
import { manualClock } from '@/domain/shared/clock';
import type { Actor } from '@/domain/shared/permissions';
import { deleteUser } from '@/domain/users/delete-user';
import { signInNameKey } from '@/domain/users/user';
import { createPrismaClient, type Db } from '@/server/db/client';
import { prismaTransaction } from '@/server/db/transaction';
import { previewImpact } from '@/server/environments/impact';
import { syncAllEnvironments, syncEnvironment, syncUsers } from '@/server/environments/sync-service';
import { prismaEnvironmentRepository } from '@/server/repositories/environment-repository';
import { TEST_BCRYPT_COST } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PASSWORD = 'Demo-Passw0rd!2026';

describe('environment sync (real PostgreSQL, demo data)', () => {
  let t: TestDatabase;
  let racers: Db[] = [];
  const tenants: Record<string, string> = {};
  const clock = manualClock('2026-05-01T08:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase();
    racers = Array.from({ length: 4 }, () => createPrismaClient(t.url, 4));
    await seedDemo(t.prisma, { password: PASSWORD, bcryptCost: TEST_BCRYPT_COST });
    for (const [key, tenant] of Object.entries(DEMO_TENANTS)) {
      const found = await t.prisma.tenant.findUniqueOrThrow({ where: { primaryDomain: tenant.primaryDomain }, select: { id: true } });
      tenants[key] = found.id;
    }
    // Until the demo seed calls seedEnvironments itself, load them the same way here.
    if ((await t.prisma.environment.count()) === 0) {
      const { passwordHash } = await t.prisma.user.findFirstOrThrow({ where: { signInNameKey: 'admin@contoso.example' }, select: { passwordHash: true } });
      await t.prisma.$transaction((tx) => seedEnvironments(tx, tenants, passwordHash ?? ''), { timeout: 60_000 });
    }
  });
  afterAll(async () => {
    await Promise.all(racers.map((r) => r.$disconnect()));
    await t.drop();
  });

  /** The engine's input for every user of the tenant, read from the tables directly. */
  async function directory(tenantId: string): Promise<{ users: EligibilityUser[]; profiles: Map<string, Parameters<typeof syncRowFields>[0]>; marketing: boolean }> {
    const rows = await t.prisma.user.findMany({
      where: { tenantId },
      select: {
        id: true,
        kind: true,
        accountEnabled: true,
        deletedAt: true,
        displayName: true,
        signInName: true,
        firstName: true,
        lastName: true,
        jobTitle: true,
        officePhone: true,
        mobilePhone: true,
        streetAddress: true,
        city: true,
        stateOrProvince: true,
        postalCode: true,
        countryOrRegion: true,
        roleAssignments: { select: { roleId: true } },
        licences: { where: { suspendedAt: null }, select: { subscription: { select: { productName: true, tenantId: true, grantsDataverse: true, freeDataversePlan: true } } } },
        memberships: { select: { groupId: true } },
        ownerships: { select: { groupId: true } },
      },
    });
    const marketing = (await t.prisma.subscription.count({ where: { tenantId, tenantMarketing: true, seats: { gt: 0 } } })) > 0;
    const users = rows.map((u) => ({
      id: u.id,
      kind: u.kind,
      accountEnabled: u.accountEnabled,
      isDeleted: u.deletedAt !== null,
      homeTenantId: tenantId,
      displayName: u.displayName,
      adminRoles: u.roleAssignments.map((r) => r.roleId),
      licences: u.licences.map((l) => ({ skuName: l.subscription.productName, tenantId: l.subscription.tenantId, grantsDataverse: l.subscription.grantsDataverse, freeDataversePlan: l.subscription.freeDataversePlan })),
      directGroupIds: u.memberships.map((m) => m.groupId),
      ownedGroupIds: u.ownerships.map((o) => o.groupId),
    }));
    const profiles = new Map(rows.map((u) => [u.id, { ...u, email: u.signInName }]));
    return { users, profiles, marketing };
  }

  const environmentsOf = (tenantId: string): Promise<Environment[]> => prismaEnvironmentRepository(t.prisma).listForTenant(tenantId);

  it('the demo environments, their placeholders and the application user are there', async () => {
    const contoso = await environmentsOf(tenants.contoso ?? '');
    expect(contoso.map((e) => [e.name, e.type, e.hasDataverse, e.securityGroupName])).toEqual([
      ['Contoso Dev', 'developer', true, null],
      ['Contoso Production', 'production', true, 'Sales Team'],
      ['Contoso Sandbox', 'sandbox', false, null],
      ['Contoso Teams', 'teams', true, null],
      ['Contoso Trial', 'trial', true, null],
    ]);
    const admin = await t.prisma.user.findFirstOrThrow({ where: { signInNameKey: 'admin@contoso.example' }, select: { id: true } });
    expect(contoso.find((e) => e.name === 'Contoso Dev')?.creatorId).toBe(admin.id);
    const ppadmin = await t.prisma.user.findFirst({ where: { signInNameKey: 'ppadmin@contoso.example' }, select: { roleAssignments: { select: { roleId: true } } } });
    expect(ppadmin?.roleAssignments.map((r) => r.roleId)).toEqual(['powerPlatformAdministrator']);
    for (const environment of contoso) {
      const placeholders = await t.prisma.environmentUser.findMany({ where: { environmentId: environment.id, kind: { in: ['supportUser', 'delegatedAdmin'] } }, select: { accessMode: true } });
      expect(placeholders.map((p) => p.accessMode).sort()).toEqual(environment.hasDataverse ? ['DelegatedAdmin', 'SupportUser'] : []);
    }
    const erp = await t.prisma.environmentUser.findFirstOrThrow({ where: { kind: 'application', fullName: 'Contoso ERP connector' }, select: { isEnabled: true, firstName: true, accessMode: true } });
    expect(erp).toEqual({ isEnabled: true, firstName: '#', accessMode: 'NonInteractive' });
    const fabrikam = await environmentsOf(tenants.fabrikam ?? '');
    expect(fabrikam.map((e) => e.name)).toEqual(['Fabrikam Marketing']);
  });

  it('the first background sync left exactly the rows the engine predicts, for every user × environment', async () => {
    let predicted = 0;
    for (const tenantId of [tenants.contoso ?? '', tenants.fabrikam ?? '']) {
      const { users, profiles, marketing } = await directory(tenantId);
      for (const environment of await environmentsOf(tenantId)) {
        const rows = await t.prisma.environmentUser.findMany({ where: { environmentId: environment.id, userId: { not: null } } });
        const byUser = new Map(rows.map((r) => [r.userId, r]));
        for (const user of users) {
          const verdict = evaluateEligibility({ user, environment, tenantHasMarketingLicence: marketing, trigger: 'background', existingRow: null, nonInteractiveCount: 0 });
          const row = byUser.get(user.id);
          if (verdict.decision !== 'add') {
            expect(row, `${user.displayName} in ${environment.name}: ${verdict.summary}`).toBeUndefined();
            continue;
          }
          predicted++;
          expect(row, `${user.displayName} in ${environment.name}: ${verdict.summary}`).toBeDefined();
          const profile = profiles.get(user.id);
          if (!row || !profile) continue;
          const fields = syncRowFields(profile, null);
          expect({ isEnabled: row.isEnabled, accessMode: row.accessMode, createdVia: row.createdVia, kind: row.kind }).toEqual({
            isEnabled: true,
            accessMode: verdict.accessMode,
            createdVia: 'backgroundSync',
            kind: 'user',
          });
          expect({
            signInName: row.signInName,
            fullName: row.fullName,
            firstName: row.firstName,
            lastName: row.lastName,
            jobTitle: row.jobTitle,
            officePhone: row.officePhone,
            mobilePhone: row.mobilePhone,
            streetAddress: row.streetAddress,
            city: row.city,
            stateOrProvince: row.stateOrProvince,
            postalCode: row.postalCode,
            countryOrRegion: row.countryOrRegion,
            primaryEmail: row.primaryEmail,
            internalEmail: row.internalEmail,
            objectId: row.objectId,
          }).toEqual({
            signInName: fields.signInName,
            fullName: fields.fullName,
            firstName: fields.firstName,
            lastName: fields.lastName,
            jobTitle: fields.jobTitle,
            officePhone: fields.officePhone,
            mobilePhone: fields.mobilePhone,
            streetAddress: fields.streetAddress,
            city: fields.city,
            stateOrProvince: fields.stateOrProvince,
            postalCode: fields.postalCode,
            countryOrRegion: fields.countryOrRegion,
            primaryEmail: fields.primaryEmail,
            internalEmail: fields.internalEmailAddress,
            objectId: fields.azureActiveDirectoryObjectId,
          });
        }
        expect(rows.length).toBe(users.filter((u) => byUser.has(u.id)).length);
      }
    }
    // The demo shows every case: a good number of users are in, and the nested members are not.
    expect(predicted).toBeGreaterThan(10);
  });

  it('running the background sync again changes nothing: every run records all zeros', async () => {
    const before = await t.prisma.environmentUser.findMany({ orderBy: { id: 'asc' } });
    const result = await syncAllEnvironments(t.prisma, 'background', { clock });
    expect(result).toMatchObject({ environments: 6, failed: 0, added: 0, enabled: 0, disabled: 0, updated: 0 });
    const runs = await t.prisma.syncRun.findMany({ where: { trigger: 'background', startedAt: clock.now() } });
    expect(runs).toHaveLength(6);
    for (const run of runs) expect([run.added, run.enabled, run.disabled, run.updated, run.status]).toEqual([0, 0, 0, 0, 'succeeded']);
    const after = await t.prisma.environmentUser.findMany({ orderBy: { id: 'asc' } });
    expect(after).toEqual(before);
  });

  it('a profile change is synchronised, except the full name and the primary email', async () => {
    // Megan Bowen, a Global Administrator, is in Production and, as its creator, in Dev.
    const user = await t.prisma.user.findFirstOrThrow({ where: { tenantId: tenants.contoso, signInNameKey: 'admin@contoso.example' }, select: { id: true } });
    // A control character in a value takes the bulk statements' other path (see textArray): it must round-trip too.
    await t.prisma.user.update({ where: { id: user.id }, data: { displayName: 'Megan Bowen-Smith', jobTitle: 'Chief Information Officer', firstName: '', city: 'Redmond\u0001East' } });
    const outcomes = await syncUsers(t.prisma, tenants.contoso ?? '', [user.id], 'change');
    expect(outcomes.map((o) => o.counts.updated).reduce((a, b) => a + b, 0)).toBe(2);
    const rows = await t.prisma.environmentUser.findMany({ where: { userId: user.id }, select: { fullName: true, jobTitle: true, firstName: true, primaryEmail: true, city: true } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toEqual({ fullName: 'Megan Bowen', jobTitle: 'Chief Information Officer', firstName: '#', primaryEmail: 'admin@contoso.example', city: 'Redmond\u0001East' });
  });

  it('the impact preview says what removing a group member or blocking would do, and changes nothing', async () => {
    const contoso = tenants.contoso ?? '';
    const production = (await environmentsOf(contoso)).find((e) => e.name === 'Contoso Production');
    if (!production?.securityGroupId) throw new Error('Contoso Production has no group');
    const member = await t.prisma.environmentUser.findFirstOrThrow({
      where: { environmentId: production.id, isEnabled: true, kind: 'user', accessMode: 'ReadWrite' },
      select: { userId: true, fullName: true },
    });
    const userId = member.userId ?? '';
    const before = await t.prisma.environmentUser.count({ where: { isEnabled: true } });
    const removal = await previewImpact(contoso, { kind: 'removeGroupMember', groupId: production.securityGroupId, userId }, t.prisma);
    expect(removal.headline).toBe(`Disables ${member.fullName} in Contoso Production`);
    expect(removal.lines[0]?.sentence).toBe(`${member.fullName} will be disabled in Contoso Production: not a member of group Sales Team`);
    const block = await previewImpact(contoso, { kind: 'blockUser', userId }, t.prisma);
    expect(block.lines.map((l) => l.environmentName)).toContain('Contoso Production');
    expect(block.lines.every((l) => l.effect === 'disable')).toBe(true);
    expect(await previewImpact(contoso, { kind: 'blockUser', userId: 'not-a-uuid' }, t.prisma)).toEqual({ headline: 'No environment changes', lines: [] });
    // Another tenant's user: nothing to say in this tenant.
    expect(await previewImpact(tenants.fabrikam ?? '', { kind: 'blockUser', userId }, t.prisma)).toEqual({ headline: 'No environment changes', lines: [] });
    expect(await t.prisma.environmentUser.count({ where: { isEnabled: true } })).toBe(before);
  });

  it('deleting a user disables their rows and deletes none', async () => {
    const contoso = tenants.contoso ?? '';
    const admin = await t.prisma.user.findFirstOrThrow({ where: { signInNameKey: 'admin@contoso.example' }, select: { id: true, displayName: true } });
    const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: contoso, roles: ['globalAdministrator'] };
    const victim = await t.prisma.environmentUser.findFirstOrThrow({
      where: { tenantId: contoso, kind: 'user', isEnabled: true, environment: { name: 'Contoso Production' }, userId: { not: admin.id } },
      select: { userId: true },
    });
    const userId = victim.userId ?? '';
    const rowsBefore = await t.prisma.environmentUser.findMany({ where: { userId }, select: { id: true, isEnabled: true } });
    expect(rowsBefore.length).toBeGreaterThan(0);
    const totalBefore = await t.prisma.environmentUser.count();

    const deleted = await deleteUser({ clock, transaction: prismaTransaction(t.prisma) }, { actor, tenantId: contoso, userId });
    expect(deleted.ok).toBe(true);
    const outcomes = await syncUsers(t.prisma, contoso, [userId], 'change');
    expect(outcomes.reduce((sum, o) => sum + o.counts.disabled, 0)).toBe(rowsBefore.filter((r) => r.isEnabled).length);

    const rowsAfter = await t.prisma.environmentUser.findMany({ where: { userId }, select: { id: true, isEnabled: true } });
    expect(rowsAfter.map((r) => r.id).sort()).toEqual(rowsBefore.map((r) => r.id).sort());
    expect(rowsAfter.every((r) => !r.isEnabled)).toBe(true);
    expect(await t.prisma.environmentUser.count()).toBe(totalBefore);
    // A full sync agrees: nothing more to do.
    const production = (await environmentsOf(contoso)).find((e) => e.name === 'Contoso Production');
    const again = await syncEnvironment(t.prisma, contoso, production?.id ?? '', 'background');
    expect(again?.counts).toEqual({ added: 0, enabled: 0, disabled: 0, updated: 0 });
  });

  it('ten concurrent adds of non-interactive users leave exactly seven (R5 under the environment lock)', async () => {
    const contoso = tenants.contoso ?? '';
    const production = (await environmentsOf(contoso)).find((e) => e.name === 'Contoso Production');
    if (!production?.securityGroupId) throw new Error('Contoso Production has no group');
    const ppadmin = await t.prisma.user.findFirstOrThrow({ where: { signInNameKey: 'ppadmin@contoso.example' }, select: { id: true, displayName: true } });
    const actor: Actor = { userId: ppadmin.id, displayName: ppadmin.displayName, tenantId: contoso, roles: ['powerPlatformAdministrator'] };
    const accounts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const signInName = `integration${i + 1}@contoso.example`;
        return t.prisma.user.create({
          data: {
            tenantId: contoso,
            kind: 'nonInteractive',
            signInName,
            signInNameKey: signInNameKey(signInName),
            displayName: `Integration account ${i + 1}`,
            memberships: { create: { groupId: production.securityGroupId ?? '' } },
          },
          select: { id: true },
        });
      }),
    );
    const results = await Promise.all(
      accounts.map((account, i) =>
        addNonInteractiveUser(
          { clock, transaction: prismaTransaction(racers[i % racers.length] ?? t.prisma) },
          { actor, tenantId: contoso, environmentId: production.id, userId: account.id },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(7);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(3);
    for (const r of refused) if (!r.ok) expect(r.error.rule).toBe('R5_NON_INTERACTIVE_LIMIT');
    expect(await t.prisma.environmentUser.count({ where: { environmentId: production.id, kind: 'user', accessMode: 'NonInteractive' } })).toBe(7);
    // The background sync keeps to the limit as well.
    await syncEnvironment(t.prisma, contoso, production.id, 'background');
    expect(await t.prisma.environmentUser.count({ where: { environmentId: production.id, kind: 'user', accessMode: 'NonInteractive' } })).toBe(7);
  });

  it('another tenant’s environment is not found, and its sync reads no other tenant’s users', async () => {
    const repo = prismaEnvironmentRepository(t.prisma);
    const production = (await environmentsOf(tenants.contoso ?? '')).find((e) => e.name === 'Contoso Production');
    expect(await repo.getById(tenants.fabrikam ?? '', production?.id ?? '')).toBeNull();
    expect(await syncEnvironment(t.prisma, tenants.fabrikam ?? '', production?.id ?? '', 'manual')).toBeNull();
    const [fabrikamEnvironment] = await environmentsOf(tenants.fabrikam ?? '');
    if (!fabrikamEnvironment) throw new Error('no Fabrikam environment');
    const input = await repo.loadSyncInput(tenants.fabrikam ?? '', fabrikamEnvironment, null);
    const fabrikamUsers = await t.prisma.user.count({ where: { tenantId: tenants.fabrikam } });
    expect(input.candidates).toHaveLength(fabrikamUsers);
    expect(input.tenantHasMarketingLicence).toBe(true);
  });
});
