import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS, DIRECTORY_ROLES } from '@/domain/shared/permissions';
import { Prisma } from '@/generated/prisma/client';
import { layout, migrate, pendingSchemaChange } from '@/server/db/migrations';
import { isEmptyMigration, listMigrations } from '@/server/db/schema-engine';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let empty: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    empty = await createEmptyDatabase();
  });
  afterAll(async () => {
    await empty.drop();
  });

  it('apply in order on an empty database and record every one, as prisma migrate deploy does', async () => {
    const applied = await migrate(empty.url);
    const folders = listMigrations(layout.migrationsDir);
    expect(folders.length).toBeGreaterThan(0);
    expect(applied).toEqual(folders);
    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name');
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(empty.url)).toEqual([]);
  });

  it('leave no schema change without a migration', async () => {
    const sql = await pendingSchemaChange(empty.url);
    expect(isEmptyMigration(sql), `schema.prisma has changes not in a migration; run npm run db:diff -- <name>:\n${sql}`).toBe(true);
  });

  it('keep a schema snapshot beside every migration (what the next diff starts from)', () => {
    for (const name of listMigrations(layout.migrationsDir)) {
      expect(fs.existsSync(path.join(layout.migrationsDir, name, 'schema.prisma')), name).toBe(true);
    }
  });
});

describe('the migrated schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('holds the directory roles of the domain, with the same tiers', async () => {
    const rows = await t.prisma.directoryRole.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.id).sort()).toEqual([...ROLE_IDS].sort());
    for (const row of rows) {
      const role = DIRECTORY_ROLES[row.id as keyof typeof DIRECTORY_ROLES];
      expect(row.tier).toBe(role.tier);
      expect(row.name).toBe(role.name);
    }
  });

  it('round-trips every model through the generated client', async () => {
    const p = t.prisma;
    // Every model written and read back below; the last assertion compares this with the client's models.
    const roundTripped = new Set<Prisma.ModelName>();
    /** The row read back equals the row the client returned on create, every field written reads back as written,
     *  and every scalar field of the model was written (so a new column without a value here fails). */
    const expectRoundTrip = (model: Prisma.ModelName, written: object, created: object, read: object) => {
      expect(read, model).toEqual(created);
      expect(read, model).toMatchObject(written);
      expect(Object.keys(written).sort(), `${model}: fields not written`).toEqual(Object.keys(read).sort());
      roundTripped.add(model);
    };
    // Distinct, millisecond-precise instants (the columns are timestamptz(3)).
    const at = (n: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 100 + n));

    const tenantData = { id: randomUUID(), name: 'Round Trip', kind: 'partner', primaryDomain: 'roundtrip.example', createdAt: at(1), updatedAt: at(2) } as const;
    const tenant = await p.tenant.create({ data: tenantData });
    expectRoundTrip('Tenant', tenantData, tenant, await p.tenant.findUniqueOrThrow({ where: { id: tenant.id } }));
    const customerData = { id: randomUUID(), name: 'Round Trip Customer', kind: 'customer', primaryDomain: 'roundtrip-customer.example', createdAt: at(3), updatedAt: at(4) } as const;
    const customer = await p.tenant.create({ data: customerData });
    expectRoundTrip('Tenant', customerData, customer, await p.tenant.findUniqueOrThrow({ where: { id: customer.id } }));

    const domainData = { tenantId: tenant.id, name: 'roundtrip.example', createdAt: at(5) };
    const domain = await p.tenantDomain.create({ data: domainData });
    expectRoundTrip('TenantDomain', domainData, domain, await p.tenantDomain.findUniqueOrThrow({ where: { tenantId_name: { tenantId: tenant.id, name: domainData.name } } }));

    const userData = {
      id: randomUUID(),
      tenantId: tenant.id,
      kind: 'nonInteractive',
      signInName: 'Mary@RoundTrip.example',
      signInNameKey: 'mary@roundtrip.example',
      displayName: 'Mary Parker',
      firstName: 'Mary',
      lastName: 'Parker',
      jobTitle: 'Agent',
      department: 'Support',
      officeLocation: 'Building 7',
      officePhone: '+46 8 123 45',
      mobilePhone: '+46 70 123 45',
      faxNumber: '+46 8 123 46',
      streetAddress: 'Storgatan 1',
      city: 'Stockholm',
      stateOrProvince: 'Stockholm County',
      postalCode: '111 22',
      countryOrRegion: 'Sweden',
      usageLocation: 'SE',
      alternateEmail: 'mary@elsewhere.example',
      applicationId: randomUUID(),
      partnerRole: 'helpdeskAgent',
      accountEnabled: false,
      passwordHash: '$2b$04$roundtriproundtriproundtriproundtriproundtriproundtri',
      mustChangePassword: true,
      sessionVersion: 3,
      failedSignInCount: 2,
      lockedUntil: at(6),
      recentFailedPasswords: ['a', 'b'],
      lastSignInAt: at(7),
      createdAt: at(8),
      createdById: randomUUID(),
      updatedAt: at(9),
      updatedById: randomUUID(),
      updatedByName: 'Admin',
      deletedAt: at(10),
      deletedById: randomUUID(),
      deletedByName: 'Admin',
      rowVersion: 4,
    } as const;
    const user = await p.user.create({ data: { ...userData, recentFailedPasswords: [...userData.recentFailedPasswords] } });
    expectRoundTrip('User', userData, user, await p.user.findUniqueOrThrow({ where: { id: user.id } }));
    // A live user of the same tenant for the rows that link users; the defaults hold when nothing is set.
    const agent = await p.user.create({ data: { tenantId: tenant.id, signInName: 'agent@roundtrip.example', signInNameKey: 'agent@roundtrip.example', displayName: 'Agent' } });
    expect(await p.user.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({
      kind: 'member', accountEnabled: true, mustChangePassword: false, recentFailedPasswords: [], sessionVersion: 1, failedSignInCount: 0, rowVersion: 1, partnerRole: null, deletedAt: null,
    });

    // Reference data written by the migration reads back as written; the table also takes a new row.
    const { name, tier, description } = DIRECTORY_ROLES.globalReader;
    expect(await p.directoryRole.findUniqueOrThrow({ where: { id: 'globalReader' } })).toEqual({ id: 'globalReader', name, tier, description });
    const roleData = { id: 'roundTripRole', name: 'Round Trip Role', tier: 2, description: 'Written by the round-trip test.' };
    const role = await p.directoryRole.create({ data: roleData });
    expectRoundTrip('DirectoryRole', roleData, role, await p.directoryRole.findUniqueOrThrow({ where: { id: roleData.id } }));

    const assignmentData = { tenantId: tenant.id, userId: user.id, roleId: role.id, assignedAt: at(11), assignedById: agent.id };
    const assignment = await p.roleAssignment.create({ data: assignmentData });
    expectRoundTrip('RoleAssignment', assignmentData, assignment, await p.roleAssignment.findUniqueOrThrow({ where: { tenantId_userId_roleId: { tenantId: tenant.id, userId: user.id, roleId: role.id } } }));
    // The extra role leaves the reference data as the migration wrote it.
    await p.roleAssignment.delete({ where: { tenantId_userId_roleId: { tenantId: tenant.id, userId: user.id, roleId: role.id } } });
    await p.directoryRole.delete({ where: { id: role.id } });
    expect(await p.directoryRole.count()).toBe(ROLE_IDS.length);

    const sessionData = { id: randomUUID(), tenantId: tenant.id, userId: user.id, sessionVersion: 3, createdAt: at(12), lastSeenAt: at(13), endedAt: at(14), endReason: 'signedOut' };
    const session = await p.userSession.create({ data: sessionData });
    expectRoundTrip('UserSession', sessionData, session, await p.userSession.findUniqueOrThrow({ where: { id: session.id } }));

    // Append-only: written and read, never updated or deleted. The id is past Number.MAX_SAFE_INTEGER, so it must come back as a BigInt.
    const eventData = {
      id: 9_007_199_254_740_993n,
      tenantId: tenant.id,
      occurredAt: at(15),
      actorUserId: agent.id,
      actorName: 'Agent',
      actorTenantId: tenant.id,
      onBehalfOfTenantId: customer.id,
      onBehalfOfName: 'Round Trip Customer',
      relationshipId: randomUUID(),
      action: 'test.roundTrip',
      targetType: 'user',
      targetId: user.id,
      targetName: 'Mary Parker',
      before: { a: 1, nested: { list: [1, 'two', null, true] } },
      after: { a: 2, nested: { list: [] }, note: 'ä ö 😀' },
      outcome: 'failure',
      detail: 'round trip',
      correlationId: 'corr-1',
    };
    const event = await p.auditEvent.create({ data: eventData });
    const readEvent = await p.auditEvent.findUniqueOrThrow({ where: { id: eventData.id } });
    expect(typeof readEvent.id).toBe('bigint');
    expectRoundTrip('AuditEvent', eventData, event, readEvent);

    const subscriptionData = { id: randomUUID(), tenantId: tenant.id, productName: 'Round Trip Plan', seats: 7, grantsDataverse: true, freeDataversePlan: true, tenantMarketing: true, createdAt: at(16), updatedAt: at(17) };
    const subscription = await p.subscription.create({ data: subscriptionData });
    expectRoundTrip('Subscription', subscriptionData, subscription, await p.subscription.findUniqueOrThrow({ where: { id: subscription.id } }));

    const licenceData = { tenantId: tenant.id, subscriptionId: subscription.id, userId: user.id, assignedAt: at(18), assignedById: agent.id, suspendedAt: at(19) };
    const licence = await p.licenceAssignment.create({ data: licenceData });
    expectRoundTrip('LicenceAssignment', licenceData, licence, await p.licenceAssignment.findUniqueOrThrow({ where: { subscriptionId_userId: { subscriptionId: subscription.id, userId: user.id } } }));

    const groupData = { id: randomUUID(), tenantId: tenant.id, name: 'Round Trip Agents', nameKey: 'round trip agents', description: 'Agents of the round trip', createdAt: at(20), updatedAt: at(21), rowVersion: 5 };
    const group = await p.securityGroup.create({ data: groupData });
    expectRoundTrip('SecurityGroup', groupData, group, await p.securityGroup.findUniqueOrThrow({ where: { id: group.id } }));
    const innerGroup = await p.securityGroup.create({ data: { tenantId: tenant.id, name: 'Round Trip Inner', nameKey: 'round trip inner' } });

    const memberData = { tenantId: tenant.id, groupId: group.id, userId: user.id, addedAt: at(22), addedById: agent.id };
    const member = await p.groupUserMember.create({ data: memberData });
    expectRoundTrip('GroupUserMember', memberData, member, await p.groupUserMember.findUniqueOrThrow({ where: { groupId_userId: { groupId: group.id, userId: user.id } } }));

    const nestedData = { tenantId: tenant.id, groupId: group.id, memberGroupId: innerGroup.id, addedAt: at(23), addedById: agent.id };
    const nested = await p.groupNestedGroup.create({ data: nestedData });
    expectRoundTrip('GroupNestedGroup', nestedData, nested, await p.groupNestedGroup.findUniqueOrThrow({ where: { groupId_memberGroupId: { groupId: group.id, memberGroupId: innerGroup.id } } }));

    const ownerData = { tenantId: tenant.id, groupId: group.id, userId: agent.id, addedAt: at(24), addedById: user.id };
    const owner = await p.groupOwner.create({ data: ownerData });
    expectRoundTrip('GroupOwner', ownerData, owner, await p.groupOwner.findUniqueOrThrow({ where: { groupId_userId: { groupId: group.id, userId: agent.id } } }));

    const relationshipData = {
      id: randomUUID(),
      partnerTenantId: tenant.id,
      customerTenantId: customer.id,
      roles: ['globalReader', 'userAdministrator'],
      durationDays: 180,
      autoExtend: true,
      status: 'terminated',
      requestedAt: at(25),
      requestedById: agent.id,
      requestedByName: 'Agent',
      decidedAt: at(26),
      decidedById: randomUUID(),
      decidedByName: 'Customer Admin',
      startsAt: at(27),
      endsAt: at(28),
      endedAt: at(29),
      endedBySide: 'customer',
      endedByName: 'Customer Admin',
      expiryWarnedAt: at(30),
      createdAt: at(31),
      updatedAt: at(32),
      rowVersion: 6,
    } as const;
    const relationship = await p.partnerRelationship.create({ data: { ...relationshipData, roles: [...relationshipData.roles] } });
    expectRoundTrip('PartnerRelationship', relationshipData, relationship, await p.partnerRelationship.findUniqueOrThrow({ where: { id: relationship.id } }));

    const accessData = { id: randomUUID(), relationshipId: relationship.id, partnerTenantId: tenant.id, groupId: group.id, roles: ['globalReader'], createdAt: at(33), createdById: agent.id };
    const access = await p.accessAssignment.create({ data: accessData });
    expectRoundTrip('AccessAssignment', accessData, access, await p.accessAssignment.findUniqueOrThrow({ where: { id: access.id } }));

    const environmentData = {
      id: randomUUID(),
      tenantId: tenant.id,
      name: 'Round Trip Sandbox',
      nameKey: 'round trip sandbox',
      type: 'sandbox',
      hasDataverse: false,
      securityGroupId: group.id,
      creatorId: agent.id,
      appPassCapacity: 3,
      allowRoleAssignmentOnDisabledUsers: true,
      hasSalesApp: true,
      createdAt: at(34),
      updatedAt: at(35),
      rowVersion: 7,
    } as const;
    const environment = await p.environment.create({ data: environmentData });
    expectRoundTrip('Environment', environmentData, environment, await p.environment.findUniqueOrThrow({ where: { id: environment.id } }));

    const environmentUserData = {
      id: randomUUID(),
      tenantId: tenant.id,
      environmentId: environment.id,
      userId: user.id,
      kind: 'delegatedAdmin',
      isEnabled: true,
      accessMode: 'Administrative',
      securityRoles: ['System Administrator', 'Basic User'],
      createdVia: 'onDemand',
      lastSyncedAt: at(36),
      signInName: 'Mary@RoundTrip.example',
      fullName: 'Mary Parker',
      firstName: 'Mary',
      lastName: 'Parker',
      jobTitle: 'Agent',
      officePhone: '+46 8 123 45',
      mobilePhone: '+46 70 123 45',
      streetAddress: 'Storgatan 1',
      city: 'Stockholm',
      stateOrProvince: 'Stockholm County',
      postalCode: '111 22',
      countryOrRegion: 'Sweden',
      primaryEmail: 'mary@roundtrip.example',
      internalEmail: 'mary.internal@roundtrip.example',
      internalEmailEditedInEnvironment: true,
      objectId: randomUUID(),
      applicationId: randomUUID(),
      customFields: { costCentre: 'CC-42', flags: [true, false], score: 1.5 },
      createdAt: at(37),
      updatedAt: at(38),
    } as const;
    const environmentUser = await p.environmentUser.create({ data: { ...environmentUserData, securityRoles: [...environmentUserData.securityRoles], customFields: { ...environmentUserData.customFields, flags: [true, false] } } });
    expectRoundTrip('EnvironmentUser', environmentUserData, environmentUser, await p.environmentUser.findUniqueOrThrow({ where: { id: environmentUser.id } }));

    const syncRunData = {
      id: randomUUID(),
      tenantId: tenant.id,
      environmentId: environment.id,
      trigger: 'diagnostics',
      startedAt: at(39),
      finishedAt: at(40),
      added: 1,
      enabled: 2,
      disabled: 3,
      updated: 4,
      durationMs: 1234,
      status: 'failed',
      error: 'round trip failure',
    } as const;
    const syncRun = await p.syncRun.create({ data: syncRunData });
    expectRoundTrip('SyncRun', syncRunData, syncRun, await p.syncRun.findUniqueOrThrow({ where: { id: syncRun.id } }));

    const jobData = {
      id: randomUUID(),
      tenantId: tenant.id,
      kind: 'restore',
      status: 'completed',
      source: 'filter',
      fileName: 'users.csv',
      filter: { search: 'mary', deleted: true },
      existingMode: 'update',
      unknownColumns: ['Shoe size', 'Favourite colour'],
      seatChecks: [{ subscriptionId: subscription.id, needed: 2, available: 7 }],
      totalRows: 10,
      validRows: 8,
      invalidRows: 2,
      processedRows: 8,
      createdCount: 1,
      updatedCount: 2,
      skippedCount: 1,
      deletedCount: 1,
      restoredCount: 2,
      failedCount: 1,
      runStartedAt: at(41),
      runStartProcessed: 3,
      leaseOwner: 'runner-1',
      leaseUntil: at(42),
      actor: { userId: agent.id, roles: ['userAdministrator'] },
      createdAt: at(43),
      createdById: agent.id,
      createdByName: 'Agent',
      queuedAt: at(44),
      startedAt: at(45),
      finishedAt: at(46),
      passwordsDownloadedAt: at(47),
      passwordsDownloadedByName: 'Agent',
      error: 'one row failed',
    } as const;
    const job = await p.bulkJob.create({
      data: {
        ...jobData,
        filter: { ...jobData.filter },
        unknownColumns: [...jobData.unknownColumns],
        seatChecks: jobData.seatChecks.map((c) => ({ ...c })),
        actor: { ...jobData.actor, roles: [...jobData.actor.roles] },
      },
    });
    expectRoundTrip('BulkJob', jobData, job, await p.bulkJob.findUniqueOrThrow({ where: { id: job.id } }));

    const jobRowData = {
      tenantId: tenant.id,
      jobId: job.id,
      line: 2,
      signInName: 'Mary@RoundTrip.example',
      displayName: 'Mary Parker',
      values: { 'User name': 'Mary@RoundTrip.example', 'Display name': 'Mary Parker' },
      errors: [{ field: 'usageLocation', column: 'Usage location', message: 'Unknown country', code: 'invalid' }],
      isValid: false,
      plan: 'restore',
      targetUserId: user.id,
      outcome: 'restored',
      message: 'Restored',
      userId: user.id,
      passwordCiphertext: 'iv.tag.ciphertext',
      processedAt: at(48),
    } as const;
    const jobRow = await p.bulkJobRow.create({ data: { ...jobRowData, values: { ...jobRowData.values }, errors: jobRowData.errors.map((e) => ({ ...e })) } });
    expectRoundTrip('BulkJobRow', jobRowData, jobRow, await p.bulkJobRow.findUniqueOrThrow({ where: { jobId_line: { jobId: job.id, line: jobRowData.line } } }));

    // A model added to the schema without a round-trip here fails this test.
    expect([...roundTripped].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it('refuses a second live user with the same sign-in name in any letter case, and allows it once the first is deleted', async () => {
    const p = t.prisma;
    const tenant = await p.tenant.create({ data: { name: 'Unique', kind: 'customer', primaryDomain: 'unique.example' } });
    const base = { tenantId: tenant.id, displayName: 'A' };
    const first = await p.user.create({ data: { ...base, signInName: 'a@unique.example', signInNameKey: 'a@unique.example' } });
    await expect(p.user.create({ data: { ...base, signInName: 'A@Unique.example', signInNameKey: 'a@unique.example' } })).rejects.toThrow();
    await p.user.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    await expect(p.user.create({ data: { ...base, signInName: 'A@Unique.example', signInNameKey: 'a@unique.example' } })).resolves.toBeTruthy();
  });

  it('refuses a role assignment that links a user of another tenant', async () => {
    const p = t.prisma;
    const a = await p.tenant.create({ data: { name: 'A', kind: 'customer', primaryDomain: 'link-a.example' } });
    const b = await p.tenant.create({ data: { name: 'B', kind: 'customer', primaryDomain: 'link-b.example' } });
    const userOfB = await p.user.create({ data: { tenantId: b.id, signInName: 'x@link-b.example', signInNameKey: 'x@link-b.example', displayName: 'X' } });
    await expect(p.roleAssignment.create({ data: { tenantId: a.id, userId: userOfB.id, roleId: 'globalReader' } })).rejects.toThrow();
  });
});
