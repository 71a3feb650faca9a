// Delegated administration against PostgreSQL: an agent's access is decided on every
// check from the stored relationship (so it ends at the expiry second and right after
// a termination), an action on behalf lands in both tenants' audit logs, the job
// claims each relationship once however many workers run, and relationships are read
// through their own tenants only.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import { addCustomer } from '@/domain/partners/add-customer';
import { resolveAgentActor, type AgentUser } from '@/domain/partners/agent-access';
import { setAccessAssignment } from '@/domain/partners/access-assignments';
import { applyRelationshipDeadlines } from '@/domain/partners/apply-relationship-deadlines';
import { changeRelationship } from '@/domain/partners/change-relationship';
import { createStaffMember } from '@/domain/partners/create-staff-member';
import { requestRelationship } from '@/domain/partners/request-relationship';
import type { Party, PartnerRole } from '@/domain/partners/relationship';
import { DAY, manualClock, SECOND } from '@/domain/shared/clock';
import type { RoleId } from '@/domain/shared/permissions';
import { createUser } from '@/domain/users/create-user';
import { createPrismaClient } from '@/server/db/client';
import { prismaTransaction } from '@/server/db/transaction';
import { prismaPartnerRepository } from '@/server/repositories/partner-repository';
import { createTenant, createUser as insertUser, TEST_BCRYPT_COST } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const hasher: PasswordHasher = {
  hash: (p) => bcrypt.hash(p, TEST_BCRYPT_COST),
  verify: (p, h) => bcrypt.compare(p, h),
  verifyDummy: async () => undefined,
};

const blankProfile = (displayName: string) => ({
  displayName,
  firstName: null, lastName: null, jobTitle: null, department: null, officeLocation: null, officePhone: null, mobilePhone: null,
  faxNumber: null, streetAddress: null, city: null, stateOrProvince: null, postalCode: null, countryOrRegion: null, usageLocation: null, alternateEmail: null,
});

describe('partners (real PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = manualClock('2026-03-01T09:00:00Z');
  let deps: { clock: typeof clock; transaction: ReturnType<typeof prismaTransaction>; hasher: PasswordHasher; random: (n: number) => Uint8Array };

  beforeAll(async () => {
    t = await createTestDatabase();
    deps = { clock, transaction: prismaTransaction(t.prisma), hasher, random: (n) => randomBytes(n) };
  });
  afterAll(async () => {
    await t.drop();
  });

  const partyOf = (user: { id: string; displayName: string; tenantId: string }, roles: RoleId[], partnerRole: PartnerRole | null): Party => ({
    userId: user.id,
    displayName: user.displayName,
    tenantId: user.tenantId,
    roles,
    partnerRole,
  });

  /** A partner with an Admin agent in "Customer Admins", a customer with a GA, and an approved relationship mapped to that group. */
  async function world(options: { durationDays?: number; autoExtend?: boolean; roles?: RoleId[] } = {}) {
    clock.set('2026-03-01T09:00:00Z');
    const partner = await createTenant(t.prisma, { kind: 'partner', name: `Partner ${randomBytes(2).toString('hex')}` });
    const customer = await createTenant(t.prisma, { name: `Customer ${randomBytes(2).toString('hex')}` });
    const agentRow = await insertUser(t.prisma, partner, { localPart: 'agent', displayName: 'Patti Agent' });
    await t.prisma.user.update({ where: { id: agentRow.id }, data: { partnerRole: 'adminAgent' } });
    const gaRow = await insertUser(t.prisma, customer, { localPart: 'admin', displayName: 'Megan Admin', roles: ['globalAdministrator'] });
    const group = await t.prisma.securityGroup.create({ data: { tenantId: partner.id, name: 'Customer Admins', nameKey: 'customer admins' } });
    await t.prisma.groupUserMember.create({ data: { tenantId: partner.id, groupId: group.id, userId: agentRow.id } });
    const agent = partyOf(agentRow, [], 'adminAgent');
    const ga = partyOf(gaRow, ['globalAdministrator'], null);
    const requested = await requestRelationship(deps, {
      party: agent,
      customerDomain: customer.primaryDomain,
      roles: options.roles ?? ['userAdministrator', 'licenseAdministrator'],
      durationDays: options.durationDays ?? 30,
      autoExtend: options.autoExtend ?? false,
    });
    if (!requested.ok) throw new Error(requested.error.message);
    const approved = await changeRelationship(deps, { party: ga, relationshipId: requested.value.id, decision: 'approve' });
    if (!approved.ok) throw new Error(approved.error.message);
    const assigned = await setAccessAssignment(deps, { party: agent, relationshipId: requested.value.id, groupId: group.id, roles: ['userAdministrator', 'licenseAdministrator'] });
    if (!assigned.ok) throw new Error(assigned.error.message);
    const agentUser: AgentUser = { userId: agentRow.id, displayName: agentRow.displayName, tenantId: partner.id, tenantKind: 'partner' };
    const access = () => resolveAgentActor(prismaPartnerRepository(t.prisma), agentUser, customer.id, clock.now());
    return { partner, customer, agent, ga, group, relationship: approved.value, access };
  }

  it('an agent’s access ends at the expiry second, before the job runs; the job then records the expiry in both tenants', async () => {
    const w = await world({ durationDays: 30 });
    const endsAt = w.relationship.endsAt ?? new Date(0);
    expect(endsAt).toEqual(new Date(Date.parse('2026-03-01T09:00:00Z') + 30 * DAY));

    clock.set(new Date(endsAt.getTime() - SECOND));
    const before = await w.access();
    expect(before).toMatchObject({
      tenantId: w.customer.id,
      roles: ['userAdministrator', 'licenseAdministrator'],
      onBehalfOf: { partnerTenantId: w.partner.id, relationshipId: w.relationship.id },
    });
    clock.set(endsAt);
    expect(await w.access()).toBeNull();

    expect((await applyRelationshipDeadlines(deps)).expired).toBeGreaterThanOrEqual(1);
    const row = await t.prisma.partnerRelationship.findUniqueOrThrow({ where: { id: w.relationship.id } });
    expect(row).toMatchObject({ status: 'expired', endedAt: endsAt, endedBySide: 'system' });
    const events = await t.prisma.auditEvent.findMany({ where: { action: 'relationship.expire', targetId: w.relationship.id }, select: { tenantId: true } });
    expect(events.map((e) => e.tenantId).sort()).toEqual([w.customer.id, w.partner.id].sort());
  });

  it('terminating cuts access on the agent’s next check', async () => {
    const w = await world();
    expect(await w.access()).not.toBeNull();
    const terminated = await changeRelationship(deps, { party: w.ga, relationshipId: w.relationship.id, decision: 'terminate' });
    expect(terminated.ok).toBe(true);
    expect(await w.access()).toBeNull();
  });

  it('an action on behalf is written to both audit logs with the agent, both tenants and the relationship', async () => {
    const w = await world();
    const actor = await w.access();
    if (!actor) throw new Error('no access');
    const created = await createUser(deps, {
      actor,
      tenantId: w.customer.id,
      signInMethod: 'username',
      signInValue: 'new.hire',
      profile: blankProfile('New Hire'),
      blockSignIn: false,
      roles: [],
    });
    expect(created.ok).toBe(true);
    const events = await t.prisma.auditEvent.findMany({
      where: { action: 'user.create', targetName: 'New Hire', tenantId: { in: [w.customer.id, w.partner.id] } },
      select: { tenantId: true, actorUserId: true, actorName: true, actorTenantId: true, onBehalfOfTenantId: true, onBehalfOfName: true, relationshipId: true },
      orderBy: { tenantId: 'asc' },
    });
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.tenantId).sort()).toEqual([w.customer.id, w.partner.id].sort());
    for (const e of events) {
      expect(e).toMatchObject({
        actorUserId: w.agent.userId,
        actorName: 'Patti Agent',
        actorTenantId: w.partner.id,
        onBehalfOfTenantId: w.partner.id,
        onBehalfOfName: w.partner.name,
        relationshipId: w.relationship.id,
      });
    }
  });

  it('a customer’s own user is never an agent, and another customer is not reachable', async () => {
    const w = await world();
    const other = await createTenant(t.prisma);
    const repo = prismaPartnerRepository(t.prisma);
    const agentUser: AgentUser = { userId: w.agent.userId, displayName: 'Patti Agent', tenantId: w.partner.id, tenantKind: 'partner' };
    expect(await resolveAgentActor(repo, agentUser, other.id, clock.now())).toBeNull();
    // Removed from the group: no role, so not found.
    await t.prisma.groupUserMember.deleteMany({ where: { groupId: w.group.id } });
    expect(await w.access()).toBeNull();
  });

  it('relationships are read through their own tenants only', async () => {
    const w = await world();
    const stranger = await createTenant(t.prisma);
    const strangerGa = partyOf(await insertUser(t.prisma, stranger, { roles: ['globalAdministrator'] }), ['globalAdministrator'], null);
    const refused = await changeRelationship(deps, { party: strangerGa, relationshipId: w.relationship.id, decision: 'terminate' });
    expect(!refused.ok && refused.error.code).toBe('NOT_FOUND');
    await t.prisma.$transaction(async (tx) => {
      expect(await prismaPartnerRepository(tx).lockRelationship(stranger.id, w.relationship.id)).toBeNull();
      expect(await prismaPartnerRepository(tx).lockRelationship(w.customer.id, w.relationship.id)).not.toBeNull();
    });
    expect(await prismaPartnerRepository(t.prisma).listAssignments(stranger.id, w.relationship.id)).toEqual([]);
  });

  it('two workers running the job at the same moment lapse each request exactly once', async () => {
    clock.set('2026-03-01T09:00:00Z');
    const partner = await createTenant(t.prisma, { kind: 'partner' });
    const agentRow = await insertUser(t.prisma, partner, { displayName: 'Requester' });
    const agent = partyOf(agentRow, [], 'adminAgent');
    const customers = await Promise.all(Array.from({ length: 6 }, () => createTenant(t.prisma)));
    for (const c of customers) {
      const r = await requestRelationship(deps, { party: agent, customerDomain: c.primaryDomain, roles: ['globalReader'], durationDays: 10, autoExtend: false });
      expect(r.ok).toBe(true);
    }
    clock.advance(90 * DAY);
    const second = createPrismaClient(t.url, 3);
    try {
      const runs = await Promise.all([
        applyRelationshipDeadlines({ clock, transaction: prismaTransaction(t.prisma) }, { batchSize: 2 }),
        applyRelationshipDeadlines({ clock, transaction: prismaTransaction(second) }, { batchSize: 2 }),
      ]);
      expect(runs.reduce((n, r) => n + r.lapsed, 0)).toBe(customers.length);
    } finally {
      await second.$disconnect();
    }
    const statuses = await t.prisma.partnerRelationship.findMany({ where: { partnerTenantId: partner.id }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(customers.map(() => 'lapsed'));
    const lapseEvents = await t.prisma.auditEvent.count({ where: { action: 'relationship.lapse', tenantId: partner.id } });
    expect(lapseEvents).toBe(customers.length);
  });

  it('two simultaneous requests to the same customer: one pending relationship', async () => {
    const partner = await createTenant(t.prisma, { kind: 'partner' });
    const customer = await createTenant(t.prisma);
    const agent = partyOf(await insertUser(t.prisma, partner), [], 'adminAgent');
    const second = createPrismaClient(t.url, 3);
    try {
      const attempts = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          requestRelationship(
            { clock, transaction: prismaTransaction(i % 2 ? t.prisma : second) },
            { party: agent, customerDomain: customer.primaryDomain, roles: ['globalReader'], durationDays: 10, autoExtend: false },
          ),
        ),
      );
      expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    } finally {
      await second.$disconnect();
    }
    expect(await t.prisma.partnerRelationship.count({ where: { partnerTenantId: partner.id, customerTenantId: customer.id } })).toBe(1);
  });

  it('add a customer: tenant, first Global Administrator and pending request in one transaction; a taken domain leaves nothing', async () => {
    const partner = await createTenant(t.prisma, { kind: 'partner' });
    const agent = partyOf(await insertUser(t.prisma, partner), [], 'adminAgent');
    const domain = `new-${randomBytes(3).toString('hex')}.example`;
    const input = { companyName: 'Woodgrove', primaryDomain: domain, adminName: 'Wanda Grove', adminUsername: 'wanda', roles: ['userAdministrator'], durationDays: 90, autoExtend: true };
    const added = await addCustomer(deps, { party: agent, ...input });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const admin = await t.prisma.user.findFirstOrThrow({ where: { tenantId: added.value.tenantId }, select: { signInName: true, mustChangePassword: true, roleAssignments: { select: { roleId: true } } } });
    expect(admin).toEqual({ signInName: `wanda@${domain}`, mustChangePassword: true, roleAssignments: [{ roleId: 'globalAdministrator' }] });
    expect(await t.prisma.partnerRelationship.findFirst({ where: { customerTenantId: added.value.tenantId }, select: { status: true, autoExtend: true } })).toEqual({ status: 'pending', autoExtend: true });

    const tenantsBefore = await t.prisma.tenant.count();
    const again = await addCustomer(deps, { party: agent, ...input, companyName: 'Copycat' });
    expect(!again.ok && again.error.rule).toBe('DOMAIN_TAKEN');
    expect(await t.prisma.tenant.count()).toBe(tenantsBefore);
  });

  it('partner staff: created with the partner role and a forced password change; a taken email is refused', async () => {
    const partner = await createTenant(t.prisma, { kind: 'partner' });
    const admin = partyOf(await insertUser(t.prisma, partner, { roles: ['globalAdministrator'] }), ['globalAdministrator'], null);
    const email = `helper@${partner.primaryDomain}`;
    const created = await createStaffMember(deps, { party: admin, fullName: 'Hank Helper', email, partnerRole: 'helpdeskAgent', roles: [] });
    expect(created.ok).toBe(true);
    const row = await t.prisma.user.findFirstOrThrow({ where: { tenantId: partner.id, signInNameKey: email }, select: { partnerRole: true, mustChangePassword: true } });
    expect(row).toEqual({ partnerRole: 'helpdeskAgent', mustChangePassword: true });
    const again = await createStaffMember(deps, { party: admin, fullName: 'Hank Helper', email, partnerRole: 'helpdeskAgent', roles: [] });
    expect(!again.ok && again.error.details?.suggestions).toHaveLength(3);
  });
});
