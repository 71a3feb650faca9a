// Delegated administration (domain.md §6) through the in-memory ports: effective
// roles, the relationship life cycle driven by a clock, who may make each
// transition, access assignments, partner staff and new customers.
import { describe, expect, it } from 'vitest';
import { DAY, manualClock, SECOND } from '@/domain/shared/clock';
import type { RoleId } from '@/domain/shared/permissions';
import { addCustomer } from '@/domain/partners/add-customer';
import { resolveAgentActor } from '@/domain/partners/agent-access';
import { removeAccessAssignment, setAccessAssignment } from '@/domain/partners/access-assignments';
import { applyRelationshipDeadlines } from '@/domain/partners/apply-relationship-deadlines';
import { changeRelationship, type RelationshipDecision } from '@/domain/partners/change-relationship';
import { changeStaffPartnerRole } from '@/domain/partners/change-staff-role';
import { createStaffMember } from '@/domain/partners/create-staff-member';
import { requestRelationship } from '@/domain/partners/request-relationship';
import { applyDeadlines, effectiveRoles, seesCustomerListOnly, type Party, type PartnerRole, type Relationship, type RelationshipStatus } from '@/domain/partners/relationship';
import { aRelationship, partnersOf } from '../support/in-memory-partners';
import { aTenant, aUser, FakeHasher, InMemoryDirectory, seededRandom } from '../support/in-memory-repositories';

const NORTHWIND = 'tenant-northwind';
const CONTOSO = 'tenant-contoso';
const FABRIKAM = 'tenant-fabrikam';
const OTHER_PARTNER = 'tenant-tailspin';
const START = new Date('2026-01-10T12:00:00Z');

type Who = { id: string; tenantId: string; roles?: RoleId[]; partnerRole?: PartnerRole | null };
const PEOPLE = {
  adminAgent: { id: 'patti', tenantId: NORTHWIND, partnerRole: 'adminAgent' },
  helpdeskAgent: { id: 'hank', tenantId: NORTHWIND, partnerRole: 'helpdeskAgent' },
  salesAgent: { id: 'sally', tenantId: NORTHWIND, partnerRole: 'salesAgent' },
  partnerGlobalAdmin: { id: 'nestor', tenantId: NORTHWIND, roles: ['globalAdministrator'] },
  partnerUserAdmin: { id: 'ursula', tenantId: NORTHWIND, roles: ['userAdministrator'] },
  customerGlobalAdmin: { id: 'megan', tenantId: CONTOSO, roles: ['globalAdministrator'] },
  customerUserAdmin: { id: 'lee', tenantId: CONTOSO, roles: ['userAdministrator'] },
  otherCustomerGlobalAdmin: { id: 'diego', tenantId: FABRIKAM, roles: ['globalAdministrator'] },
  otherPartnerAdminAgent: { id: 'tom', tenantId: OTHER_PARTNER, partnerRole: 'adminAgent' },
} satisfies Record<string, Who>;
type Person = keyof typeof PEOPLE;

const party = (who: Person): Party => {
  const p: Who = PEOPLE[who];
  return { userId: p.id, displayName: p.id, tenantId: p.tenantId, roles: p.roles ?? [], partnerRole: p.partnerRole ?? null };
};

function setup() {
  const directory = new InMemoryDirectory({
    tenants: [
      aTenant({ id: NORTHWIND, name: 'Northwind Partners', kind: 'partner', primaryDomain: 'northwind.example' }),
      aTenant({ id: OTHER_PARTNER, name: 'Tailspin', kind: 'partner', primaryDomain: 'tailspin.example' }),
      aTenant({ id: CONTOSO, name: 'Contoso', primaryDomain: 'contoso.example' }),
      aTenant({ id: FABRIKAM, name: 'Fabrikam', primaryDomain: 'fabrikam.example' }),
    ],
    users: Object.values(PEOPLE).map((p: Who) => aUser({ id: p.id, tenantId: p.tenantId, roles: p.roles ?? [], signInName: `${p.id}@${p.tenantId}.example` })),
  });
  const partners = partnersOf(directory);
  for (const p of Object.values(PEOPLE) as Who[]) if (p.partnerRole) partners.setPartnerRole(p.id, p.partnerRole);
  const clock = manualClock(START);
  const deps = { clock, transaction: partners.transaction, hasher: new FakeHasher(), random: seededRandom() };
  directory.groups.addGroup({ id: 'g-contoso-admins', tenantId: NORTHWIND, name: 'Contoso Admins' });
  directory.groups.addGroup({ id: 'g-helpdesk', tenantId: NORTHWIND, name: 'Helpdesk' });
  directory.groups.addGroup({ id: 'g-everyone', tenantId: NORTHWIND, name: 'Everyone' });
  directory.groups.addGroup({ id: 'g-contoso-group', tenantId: CONTOSO, name: 'Contoso group' });
  directory.groups.addMember('g-contoso-admins', 'patti');
  directory.groups.addMember('g-helpdesk', 'hank');
  directory.groups.addMember('g-helpdesk', 'sally');
  // Hank is in Everyone, which is nested in Contoso Admins: nested membership gives nothing.
  directory.groups.addMember('g-everyone', 'hank');
  directory.groups.nest('g-contoso-admins', 'g-everyone');

  const request = (who: Person = 'adminAgent', overrides: Partial<{ customerDomain: string; roles: string[]; durationDays: number; autoExtend: boolean }> = {}) =>
    requestRelationship(deps, {
      party: party(who),
      customerDomain: 'contoso.example',
      roles: ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator'],
      durationDays: 365,
      autoExtend: false,
      ...overrides,
    });
  const decide = (who: Person, relationshipId: string, decision: RelationshipDecision) => changeRelationship(deps, { party: party(who), relationshipId, decision });
  const agentActor = (who: Person, customer = CONTOSO) => {
    const p: Who = PEOPLE[who];
    return resolveAgentActor(partners.repository, { userId: p.id, displayName: p.id, tenantId: p.tenantId, tenantKind: 'partner' }, customer, clock.now());
  };
  const runJob = () => applyRelationshipDeadlines(deps);

  /** A request approved by Contoso's GA, with Contoso Admins → UA + LA and Helpdesk → Helpdesk Administrator. */
  async function activeRelationship(overrides: { durationDays?: number; autoExtend?: boolean } = {}) {
    const requested = await request('adminAgent', overrides);
    if (!requested.ok) throw new Error(requested.error.message);
    const approved = await decide('customerGlobalAdmin', requested.value.id, 'approve');
    if (!approved.ok) throw new Error(approved.error.message);
    partners.assign(requested.value.id, 'g-contoso-admins', ['userAdministrator', 'licenseAdministrator']);
    partners.assign(requested.value.id, 'g-helpdesk', ['helpdeskAdministrator']);
    return approved.value;
  }
  return { directory, partners, clock, deps, request, decide, agentActor, runJob, activeRelationship };
}

const relationshipAt = (status: RelationshipStatus, overrides: Partial<Relationship> = {}): Relationship => ({
  ...aRelationship({ id: 'r', partnerTenantId: NORTHWIND, customerTenantId: CONTOSO, status, roles: ['userAdministrator', 'licenseAdministrator'] }),
  partnerName: 'Northwind Partners',
  customerName: 'Contoso',
  ...overrides,
});

describe('effective roles', () => {
  const active = relationshipAt('active', { startsAt: START, endsAt: new Date(START.getTime() + 10 * DAY) });
  const assignments = [
    { groupId: 'admins', roles: ['userAdministrator', 'licenseAdministrator'] as RoleId[] },
    { groupId: 'licensing', roles: ['licenseAdministrator'] as RoleId[] },
    // Wider than the relationship (it was narrowed): never more than the relationship grants.
    { groupId: 'wide', roles: ['globalAdministrator', 'userAdministrator'] as RoleId[] },
  ];
  it.each([
    { case: 'a direct member of one group: that group’s roles', groups: ['licensing'], relationship: active, now: START, expected: ['licenseAdministrator'] },
    { case: 'two groups: the union', groups: ['licensing', 'admins'], relationship: active, now: START, expected: ['userAdministrator', 'licenseAdministrator'] },
    { case: 'an assignment wider than the relationship: intersected', groups: ['wide'], relationship: active, now: START, expected: ['userAdministrator'] },
    { case: 'in no assigned group: nothing', groups: ['other'], relationship: active, now: START, expected: [] },
    { case: 'one second before the end: still the roles', groups: ['admins'], relationship: active, now: new Date(START.getTime() + 10 * DAY - SECOND), expected: ['userAdministrator', 'licenseAdministrator'] },
    { case: 'at the end second: nothing, whatever the job did', groups: ['admins'], relationship: active, now: new Date(START.getTime() + 10 * DAY), expected: [] },
    { case: 'pending: nothing', groups: ['admins'], relationship: relationshipAt('pending'), now: START, expected: [] },
    { case: 'terminated: nothing', groups: ['admins'], relationship: { ...active, status: 'terminated' as const }, now: START, expected: [] },
    { case: 'expired: nothing', groups: ['admins'], relationship: { ...active, status: 'expired' as const }, now: START, expected: [] },
  ])('$case', ({ groups, relationship, now, expected }) => {
    expect(effectiveRoles({ relationship, assignments, directGroupIds: groups, now })).toEqual(expected);
  });

  it('an agent acts in the customer with exactly the roles of their direct groups, on behalf of the partner', async () => {
    const { agentActor, activeRelationship } = setup();
    const r = await activeRelationship();
    expect(await agentActor('adminAgent')).toEqual({
      userId: 'patti',
      displayName: 'patti',
      tenantId: CONTOSO,
      roles: ['userAdministrator', 'licenseAdministrator'],
      onBehalfOf: { partnerTenantId: NORTHWIND, partnerName: 'Northwind Partners', relationshipId: r.id },
    });
    // Hank is in Helpdesk directly and in Contoso Admins only through the nested Everyone.
    expect((await agentActor('helpdeskAgent'))?.roles).toEqual(['helpdeskAdministrator']);
  });

  it('Sales agents get no customer access, even in an assigned group; other customers are not reachable', async () => {
    const { agentActor, activeRelationship } = setup();
    await activeRelationship();
    expect(await agentActor('salesAgent')).toBeNull();
    expect(await agentActor('adminAgent', FABRIKAM)).toBeNull();
    expect(await agentActor('otherPartnerAdminAgent')).toBeNull();
  });
});

describe('relationship life cycle', () => {
  it('request: pending with the terms, audited in both tenants', async () => {
    const { request, partners, directory } = setup();
    const result = await request('adminAgent', { autoExtend: true, durationDays: 730 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(partners.relationship(result.value.id)).toMatchObject({
      status: 'pending',
      roles: ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator'],
      durationDays: 730,
      autoExtend: true,
      requestedAt: START,
      endsAt: null,
    });
    expect(directory.audit.filter((e) => e.action === 'relationship.request').map((e) => [e.tenantId, e.target?.name])).toEqual([
      [CONTOSO, 'Northwind Partners'],
      [NORTHWIND, 'Contoso'],
    ]);
  });

  it('request: every field error at once (no roles, unknown role, duration outside 1–730)', async () => {
    const { request } = setup();
    for (const [roles, durationDays] of [[[], 0], [['notARole'], 731], [[], 1.5]] as const) {
      const result = await request('adminAgent', { roles: [...roles], durationDays });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual(['durationDays', 'roles']);
    }
    expect((await request('adminAgent', { durationDays: 1 })).ok).toBe(true);
  });

  it('request: an unknown domain or a partner tenant is not a customer; a second open request is a conflict', async () => {
    const { request } = setup();
    const unknown = await request('adminAgent', { customerDomain: 'nobody.example' });
    expect(!unknown.ok && unknown.error.fieldErrors?.customerDomain).toBeTruthy();
    const partner = await request('adminAgent', { customerDomain: 'tailspin.example' });
    expect(!partner.ok && partner.error.code).toBe('NOT_FOUND');
    expect((await request()).ok).toBe(true);
    const again = await request();
    expect(!again.ok && again.error.rule).toBe('RELATIONSHIP_OPEN');
  });

  it('approve: active from now for the duration; the agent gains access', async () => {
    const { request, decide, clock, partners, agentActor } = setup();
    const requested = await request('adminAgent', { durationDays: 30 });
    if (!requested.ok) throw new Error('request failed');
    partners.assign(requested.value.id, 'g-contoso-admins', ['userAdministrator']);
    expect(await agentActor('adminAgent')).toBeNull();
    clock.advance(3 * DAY);
    const approved = await decide('customerGlobalAdmin', requested.value.id, 'approve');
    expect(approved.ok).toBe(true);
    expect(partners.relationship(requested.value.id)).toMatchObject({
      status: 'active',
      decidedByName: 'megan',
      startsAt: clock.now(),
      endsAt: new Date(clock.now().getTime() + 30 * DAY),
    });
    expect((await agentActor('adminAgent'))?.roles).toEqual(['userAdministrator']);
  });

  it('decline: the request is closed and gives nothing', async () => {
    const { request, decide, partners, agentActor } = setup();
    const requested = await request();
    if (!requested.ok) throw new Error('request failed');
    expect((await decide('customerGlobalAdmin', requested.value.id, 'decline')).ok).toBe(true);
    expect(partners.relationship(requested.value.id)).toMatchObject({ status: 'declined', endedBySide: 'customer' });
    const approveAfter = await decide('customerGlobalAdmin', requested.value.id, 'approve');
    expect(!approveAfter.ok && approveAfter.error.code).toBe('CONFLICT');
    expect(await agentActor('adminAgent')).toBeNull();
  });

  it('lapse: a request not approved within 90 days lapses at the 90th day, not a second before', async () => {
    const { request, decide, clock, partners, runJob, directory } = setup();
    const requested = await request();
    if (!requested.ok) throw new Error('request failed');
    clock.set(new Date(START.getTime() + 90 * DAY - SECOND));
    expect(await runJob()).toEqual({ lapsed: 0, expired: 0, extended: 0, warned: 0 });
    expect(partners.relationship(requested.value.id).status).toBe('pending');
    clock.advance(SECOND);
    // Before the job runs, the customer can no longer approve it either.
    const late = await decide('customerGlobalAdmin', requested.value.id, 'approve');
    expect(!late.ok && late.error.rule).toBe('RELATIONSHIP_LAPSED');
    expect(await runJob()).toMatchObject({ lapsed: 1 });
    expect(partners.relationship(requested.value.id)).toMatchObject({ status: 'lapsed', endedBySide: 'system' });
    expect(directory.audit.filter((e) => e.action === 'relationship.lapse').map((e) => e.tenantId).sort()).toEqual([CONTOSO, NORTHWIND].sort());
  });

  it('expire: warned once 30 days before, access ends at the end second, the job marks it expired', async () => {
    const { activeRelationship, clock, partners, runJob, agentActor, directory } = setup();
    const r = await activeRelationship({ durationDays: 60 });
    const endsAt = r.endsAt ?? new Date(0);
    clock.set(new Date(endsAt.getTime() - 30 * DAY - SECOND));
    expect(await runJob()).toMatchObject({ warned: 0 });
    clock.advance(SECOND);
    expect(await runJob()).toMatchObject({ warned: 1 });
    expect(await runJob()).toMatchObject({ warned: 0 });
    expect(directory.audit.filter((e) => e.action === 'relationship.expiryWarning')).toHaveLength(2);

    clock.set(new Date(endsAt.getTime() - 1));
    expect((await agentActor('adminAgent'))?.roles).toEqual(['userAdministrator', 'licenseAdministrator']);
    clock.set(endsAt);
    // The job has not run yet: access has ended all the same.
    expect(await agentActor('adminAgent')).toBeNull();
    expect(await runJob()).toMatchObject({ expired: 1, extended: 0 });
    expect(partners.relationship(r.id)).toMatchObject({ status: 'expired', endedAt: endsAt, endedBySide: 'system' });
  });

  it('auto-extend: at the end the relationship runs 180 more days and warns again before the new end', async () => {
    const { activeRelationship, clock, partners, runJob, agentActor } = setup();
    const r = await activeRelationship({ durationDays: 40, autoExtend: true });
    const endsAt = r.endsAt ?? new Date(0);
    clock.set(new Date(endsAt.getTime() - 10 * DAY));
    expect(await runJob()).toMatchObject({ warned: 1 });
    clock.set(endsAt);
    expect(await runJob()).toMatchObject({ extended: 1, expired: 0, warned: 0 });
    const extended = partners.relationship(r.id);
    expect(extended).toMatchObject({ status: 'active', endsAt: new Date(endsAt.getTime() + 180 * DAY), expiryWarnedAt: null });
    expect((await agentActor('adminAgent'))?.roles).toEqual(['userAdministrator', 'licenseAdministrator']);
    clock.set(new Date(endsAt.getTime() + 150 * DAY));
    expect(await runJob()).toMatchObject({ warned: 1 });
  });

  it('auto-extend after a long outage: extended as often as needed to pass now', () => {
    const endsAt = new Date('2026-01-01T00:00:00Z');
    const r = relationshipAt('active', { endsAt, autoExtend: true });
    const outcomes = applyDeadlines(r, new Date(endsAt.getTime() + 200 * DAY));
    expect(outcomes.map((o) => o.kind)).toEqual(['extended']);
    expect(outcomes[0]?.changes.endsAt).toEqual(new Date(endsAt.getTime() + 360 * DAY));
  });

  it('terminate: by either side, active only; access ends at the next check', async () => {
    for (const who of ['customerGlobalAdmin', 'adminAgent'] as const) {
      const { activeRelationship, decide, partners, agentActor } = setup();
      const r = await activeRelationship();
      expect(await agentActor('adminAgent')).not.toBeNull();
      const result = await decide(who, r.id, 'terminate');
      expect(result.ok).toBe(true);
      expect(partners.relationship(r.id)).toMatchObject({ status: 'terminated', endedBySide: who === 'adminAgent' ? 'partner' : 'customer', endedByName: PEOPLE[who].id });
      expect(await agentActor('adminAgent')).toBeNull();
      const again = await decide(who, r.id, 'terminate');
      expect(!again.ok && again.error.code).toBe('CONFLICT');
    }
  });

  // Every transition, every party: only the side allowed makes it; a stranger does not even see it.
  const parties: Person[] = [
    'adminAgent',
    'helpdeskAgent',
    'salesAgent',
    'partnerGlobalAdmin',
    'customerGlobalAdmin',
    'customerUserAdmin',
    'otherCustomerGlobalAdmin',
    'otherPartnerAdminAgent',
  ];
  const allowedFor: Record<RelationshipDecision, Person[]> = {
    approve: ['customerGlobalAdmin'],
    decline: ['customerGlobalAdmin'],
    terminate: ['customerGlobalAdmin', 'adminAgent'],
  };
  const cases = (['approve', 'decline', 'terminate'] as const).flatMap((decision) => parties.map((who) => ({ decision, who })));
  it.each(cases)('$decision by $who', async ({ decision, who }) => {
    const { request, decide, activeRelationship } = setup();
    let id: string;
    if (decision === 'terminate') id = (await activeRelationship()).id;
    else {
      const requested = await request();
      if (!requested.ok) throw new Error('request failed');
      id = requested.value.id;
    }
    const result = await decide(who, id, decision);
    if (allowedFor[decision].includes(who)) expect(result.ok).toBe(true);
    else if (who.startsWith('other')) expect(!result.ok && result.error.code).toBe('NOT_FOUND');
    else expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });

  it.each(parties.map((who) => ({ who })))('request by $who', async ({ who }) => {
    const { request } = setup();
    const result = await request(who);
    if (who === 'adminAgent' || who === 'otherPartnerAdminAgent') expect(result.ok).toBe(true);
    else expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });

  it('the job alone lapses, expires and extends: nobody can approve a declined, lapsed or expired relationship back to life', async () => {
    const { activeRelationship, decide, clock, runJob } = setup();
    const r = await activeRelationship({ durationDays: 5 });
    clock.advance(5 * DAY);
    await runJob();
    const approve = await decide('customerGlobalAdmin', r.id, 'approve');
    expect(!approve.ok && approve.error.code).toBe('CONFLICT');
    const terminate = await decide('adminAgent', r.id, 'terminate');
    expect(!terminate.ok && terminate.error.code).toBe('CONFLICT');
  });
});

describe('access assignments', () => {
  async function active() {
    const s = setup();
    const requested = await s.request();
    if (!requested.ok) throw new Error('request failed');
    const approved = await s.decide('customerGlobalAdmin', requested.value.id, 'approve');
    if (!approved.ok) throw new Error('approve failed');
    return { ...s, id: requested.value.id };
  }

  it('an Admin agent maps a partner group to a subset of the relationship’s roles; members act with them', async () => {
    const { deps, id, partners, agentActor, directory } = await active();
    const set = await setAccessAssignment(deps, { party: party('adminAgent'), relationshipId: id, groupId: 'g-helpdesk', roles: ['helpdeskAdministrator', 'licenseAdministrator'] });
    expect(set.ok).toBe(true);
    expect(partners.assignments.map((a) => [a.groupId, a.roles])).toEqual([['g-helpdesk', ['licenseAdministrator', 'helpdeskAdministrator']]]);
    expect((await agentActor('helpdeskAgent'))?.roles).toEqual(['licenseAdministrator', 'helpdeskAdministrator']);
    // Changing it replaces the roles; removing it takes the access away.
    await setAccessAssignment(deps, { party: party('adminAgent'), relationshipId: id, groupId: 'g-helpdesk', roles: ['helpdeskAdministrator'] });
    expect((await agentActor('helpdeskAgent'))?.roles).toEqual(['helpdeskAdministrator']);
    expect((await removeAccessAssignment(deps, { party: party('adminAgent'), relationshipId: id, groupId: 'g-helpdesk' })).ok).toBe(true);
    expect(await agentActor('helpdeskAgent')).toBeNull();
    expect(directory.audit.filter((e) => e.action.startsWith('relationship.') && e.action.endsWith('Access')).map((e) => e.tenantId)).toEqual([
      CONTOSO, NORTHWIND, CONTOSO, NORTHWIND, CONTOSO, NORTHWIND,
    ]);
  });

  it('refuses roles outside the relationship, groups of other tenants, other parties and inactive relationships', async () => {
    const { deps, id, decide } = await active();
    const assign = (who: Person, groupId: string, roles: string[]) => setAccessAssignment(deps, { party: party(who), relationshipId: id, groupId, roles });
    const outside = await assign('adminAgent', 'g-helpdesk', ['globalAdministrator']);
    expect(!outside.ok && outside.error.rule).toBe('ASSIGNMENT_OUTSIDE_RELATIONSHIP');
    const none = await assign('adminAgent', 'g-helpdesk', []);
    expect(!none.ok && none.error.code).toBe('VALIDATION');
    const foreignGroup = await assign('adminAgent', 'g-contoso-group', ['userAdministrator']);
    expect(!foreignGroup.ok && foreignGroup.error.code).toBe('NOT_FOUND');
    for (const who of ['helpdeskAgent', 'partnerGlobalAdmin'] as const) {
      const refused = await assign(who, 'g-helpdesk', ['userAdministrator']);
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    }
    const customer = await assign('customerGlobalAdmin', 'g-helpdesk', ['userAdministrator']);
    expect(!customer.ok && customer.error.code).toBe('NOT_FOUND');
    await decide('customerGlobalAdmin', id, 'terminate');
    const inactive = await assign('adminAgent', 'g-helpdesk', ['userAdministrator']);
    expect(!inactive.ok && inactive.error.rule).toBe('RELATIONSHIP_NOT_ACTIVE');
  });
});

describe('what sales agents see', () => {
  it('the customer list only, unless a directory role of their own gives them more', () => {
    expect(seesCustomerListOnly({ partnerRole: 'salesAgent', roles: [] })).toBe(true);
    expect(seesCustomerListOnly({ partnerRole: 'salesAgent', roles: ['globalReader'] })).toBe(false);
    for (const partnerRole of ['adminAgent', 'helpdeskAgent', null] as const) expect(seesCustomerListOnly({ partnerRole, roles: [] })).toBe(false);
  });
});

describe('partner staff', () => {
  const staff = (who: Person, overrides: Partial<{ fullName: string; email: string; partnerRole: PartnerRole | null; roles: RoleId[] }> = {}) => {
    const s = setup();
    const run = (o: typeof overrides = overrides) =>
      createStaffMember(s.deps, { party: party(who), fullName: 'Mary Parker', email: 'mary@northwind.example', partnerRole: 'helpdeskAgent', roles: [], ...o });
    return { ...s, run };
  };

  it('a Global Administrator adds a Helpdesk agent: temporary password once, change forced, partner role set, audited', async () => {
    const { run, directory, partners } = staff('partnerGlobalAdmin');
    const result = await run();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.temporaryPassword.length).toBeGreaterThanOrEqual(16);
    const mary = directory.user(result.value.id);
    expect(mary).toMatchObject({ tenantId: NORTHWIND, signInName: 'mary@northwind.example', displayName: 'Mary Parker', firstName: 'Mary', lastName: 'Parker', mustChangePassword: true });
    expect(mary.passwordHash).toBe(FakeHasher.hashOf(result.value.temporaryPassword));
    expect(partners.partnerRoleOf(result.value.id)).toBe('helpdeskAgent');
    const event = directory.audit.find((e) => e.action === 'user.create');
    expect(event?.after).toMatchObject({ partnerRole: 'Helpdesk agent' });
    expect(JSON.stringify(directory.audit)).not.toContain(result.value.temporaryPassword);
  });

  it('a User Administrator adds staff with a partner role, but cannot hand out directory roles', async () => {
    const { run } = staff('partnerUserAdmin');
    expect((await run({ partnerRole: 'salesAgent' })).ok).toBe(true);
    const roles = await run({ email: 'other@northwind.example', roles: ['globalAdministrator'] });
    expect(!roles.ok && roles.error.rule).toBe('ROLE_ABOVE_GRANT');
  });

  it('a taken email is an error with free variations; nothing is written', async () => {
    const { run, directory } = staff('partnerGlobalAdmin');
    await run();
    const before = directory.users.length;
    const again = await run();
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.fieldErrors?.email?.[0]).toContain('already taken');
    expect(again.error.details?.suggestions).toEqual(expect.arrayContaining(['mary.parker@northwind.example']));
    expect(directory.users).toHaveLength(before);
  });

  it('needs a partner role or a directory role, a name and an email; only partner GA/UA, only in partner tenants', async () => {
    const { run } = staff('partnerGlobalAdmin');
    const empty = await run({ fullName: ' ', email: 'not-an-email', partnerRole: null, roles: [] });
    expect(!empty.ok && Object.keys(empty.error.fieldErrors ?? {}).sort()).toEqual(['email', 'fullName', 'partnerRole']);
    expect((await run({ partnerRole: null, roles: ['globalReader'], email: 'reader@northwind.example' })).ok).toBe(true);
    for (const who of ['adminAgent', 'helpdeskAgent'] as const) {
      const refused = await staff(who).run();
      expect(!refused.ok && refused.error.rule).toBe('STAFF_ADMIN_ONLY');
    }
    const customer = await staff('customerGlobalAdmin').run({ email: 'x@contoso.example' });
    expect(!customer.ok && customer.error.rule).toBe('PARTNER_TENANT_ONLY');
  });
});

describe('add a customer', () => {
  const input = {
    companyName: 'Woodgrove Bank',
    primaryDomain: 'Woodgrove.example',
    adminName: 'Wanda Grove',
    adminUsername: 'wanda',
    roles: ['userAdministrator'],
    durationDays: 180,
    autoExtend: false,
  };

  it('creates the tenant, its first Global Administrator (password once, change forced) and a pending request, in one go', async () => {
    const { deps, partners, directory } = setup();
    const result = await addCustomer(deps, { party: party('adminAgent'), ...input });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: 'Woodgrove Bank', primaryDomain: 'woodgrove.example', admin: { signInName: 'wanda@woodgrove.example', displayName: 'Wanda Grove' } });
    expect(partners.createdTenants).toEqual([{ id: result.value.tenantId, name: 'Woodgrove Bank', kind: 'customer', primaryDomain: 'woodgrove.example' }]);
    expect(directory.user(result.value.admin.id)).toMatchObject({ tenantId: result.value.tenantId, roles: ['globalAdministrator'], mustChangePassword: true });
    expect(partners.relationship(result.value.relationshipId)).toMatchObject({ status: 'pending', customerTenantId: result.value.tenantId, roles: ['userAdministrator'], durationDays: 180 });
    const tenantsAudited = new Set(directory.audit.map((e) => e.tenantId));
    expect(tenantsAudited).toEqual(new Set([result.value.tenantId, NORTHWIND]));
  });

  it('refuses a domain any tenant has, every field error at once, and anyone but an Admin agent — leaving nothing behind', async () => {
    const { deps, partners, directory } = setup();
    const taken = await addCustomer(deps, { party: party('adminAgent'), ...input, primaryDomain: 'contoso.example' });
    expect(!taken.ok && taken.error.rule).toBe('DOMAIN_TAKEN');
    const invalid = await addCustomer(deps, { party: party('adminAgent'), ...input, companyName: '', primaryDomain: 'nope', adminName: '', roles: [], durationDays: 900 });
    expect(!invalid.ok && Object.keys(invalid.error.fieldErrors ?? {}).sort()).toEqual(['adminName', 'companyName', 'durationDays', 'primaryDomain', 'roles']);
    for (const who of ['helpdeskAgent', 'salesAgent', 'partnerGlobalAdmin'] as const) {
      const refused = await addCustomer(deps, { party: party(who), ...input });
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    }
    // The administrator's name is taken elsewhere (an email sign-in at that domain): rolled back, with variations.
    directory.addUser(aUser({ id: 'squatter', tenantId: FABRIKAM, signInName: 'wanda@woodgrove.example' }));
    const usernameTaken = await addCustomer(deps, { party: party('adminAgent'), ...input });
    expect(!usernameTaken.ok && usernameTaken.error.fieldErrors?.adminUsername).toBeTruthy();
    expect(!usernameTaken.ok && usernameTaken.error.details?.suggestions).toHaveLength(3);
    expect(partners.createdTenants).toHaveLength(0);
    expect(partners.relationships).toHaveLength(0);
    expect(directory.audit).toHaveLength(0);
  });
});

describe('changing a staff member’s partner role', () => {
  it('a partner Global or User Administrator changes it, audited; the agent’s access follows at once', async () => {
    const s = setup();
    const result = await changeStaffPartnerRole(s.deps, { party: party('partnerUserAdmin'), userId: 'hank', partnerRole: 'adminAgent' });
    expect(result.ok && result.value.changed).toBe(true);
    expect(s.partners.partnerRoleOf('hank')).toBe('adminAgent');
    expect(s.directory.audit.at(-1)).toMatchObject({ action: 'partner.changeStaffRole', before: { partnerRole: 'Helpdesk agent' }, after: { partnerRole: 'Admin agent' } });
    const unchanged = await changeStaffPartnerRole(s.deps, { party: party('partnerGlobalAdmin'), userId: 'hank', partnerRole: 'adminAgent' });
    expect(unchanged.ok && unchanged.value.changed).toBe(false);
  });

  it.each([['adminAgent'], ['helpdeskAgent'], ['customerGlobalAdmin']] as const)('%s may not change roles', async (who) => {
    const s = setup();
    const result = await changeStaffPartnerRole(s.deps, { party: party(who), userId: 'hank', partnerRole: null });
    expect(result.ok).toBe(false);
    expect(s.partners.partnerRoleOf('hank')).toBe('helpdeskAgent');
  });

  it('does not reach a user of another tenant', async () => {
    const s = setup();
    const result = await changeStaffPartnerRole(s.deps, { party: party('partnerGlobalAdmin'), userId: 'megan', partnerRole: 'salesAgent' });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
  });
});
