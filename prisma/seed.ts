// Demo data (issue #2, extended by later issues). Idempotent: it does nothing when
// the demo tenants already exist. Run with `npm run db:seed`; `npm start` runs it
// on an empty embedded database.
import bcrypt from 'bcrypt';
import type { RoleId } from '../src/domain/shared/permissions';
import { signInNameKey } from '../src/domain/users/user';
import type { Db, DbClient } from '../src/server/db/client';
import { demoPeople } from './demo-people';
import { seedEnvironments } from './seed-environments';

export const DEMO_TENANTS = {
  contoso: { name: 'Contoso', primaryDomain: 'contoso.example', kind: 'customer' as const },
  fabrikam: { name: 'Fabrikam', primaryDomain: 'fabrikam.example', kind: 'customer' as const },
  northwind: { name: 'Northwind Partners', primaryDomain: 'northwind.example', kind: 'partner' as const },
};

type DemoAccount = {
  tenant: keyof typeof DEMO_TENANTS;
  localPart: string;
  displayName: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  roles: RoleId[];
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { tenant: 'contoso', localPart: 'admin', displayName: 'Megan Bowen', firstName: 'Megan', lastName: 'Bowen', jobTitle: 'IT Director', roles: ['globalAdministrator'] },
  { tenant: 'contoso', localPart: 'useradmin', displayName: 'Lee Gu', firstName: 'Lee', lastName: 'Gu', jobTitle: 'Identity Administrator', roles: ['userAdministrator'] },
  { tenant: 'contoso', localPart: 'helpdesk', displayName: 'Isaiah Langer', firstName: 'Isaiah', lastName: 'Langer', jobTitle: 'Service Desk Analyst', roles: ['helpdeskAdministrator'] },
  { tenant: 'fabrikam', localPart: 'admin', displayName: 'Diego Siciliani', firstName: 'Diego', lastName: 'Siciliani', jobTitle: 'Head of IT', roles: ['globalAdministrator'] },
  { tenant: 'northwind', localPart: 'admin', displayName: 'Nestor Wilke', firstName: 'Nestor', lastName: 'Wilke', jobTitle: 'Managing Partner', roles: ['globalAdministrator'] },
  { tenant: 'contoso', localPart: 'licadmin', displayName: 'Alex Wilber', firstName: 'Alex', lastName: 'Wilber', jobTitle: 'Licensing Coordinator', roles: ['licenseAdministrator'] },
  { tenant: 'contoso', localPart: 'groupsadmin', displayName: 'Johanna Lorenz', firstName: 'Johanna', lastName: 'Lorenz', jobTitle: 'Collaboration Lead', roles: ['groupsAdministrator'] },
  { tenant: 'northwind', localPart: 'agent', displayName: 'Patti Fernandez', firstName: 'Patti', lastName: 'Fernandez', jobTitle: 'Senior Consultant', roles: [] },
];

export const CONTOSO_PEOPLE = 60;

export async function seedDemo(db: Db, options: { password: string; bcryptCost: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => undefined);
  if (await db.tenant.findUnique({ where: { primaryDomain: DEMO_TENANTS.contoso.primaryDomain } })) {
    log('Demo data already present.');
    return;
  }
  const passwordHash = await bcrypt.hash(options.password, options.bcryptCost);
  // All or nothing: a half-loaded demo would be mistaken for a loaded one next time.
  await db.$transaction(async (tx) => loadDemo(tx, passwordHash, log), { timeout: 120_000 });
}

async function loadDemo(db: DbClient, passwordHash: string, log: (line: string) => void) {
  const tenantIds: Record<string, string> = {};
  for (const [key, t] of Object.entries(DEMO_TENANTS)) {
    const created = await db.tenant.create({
      data: { ...t, domains: { create: [{ name: t.primaryDomain }] } },
      select: { id: true },
    });
    tenantIds[key] = created.id;
  }
  const tenantId = (key: keyof typeof DEMO_TENANTS) => tenantIds[key] ?? '';

  for (const a of DEMO_ACCOUNTS) {
    const signInName = `${a.localPart}@${DEMO_TENANTS[a.tenant].primaryDomain}`;
    await db.user.create({
      data: {
        tenantId: tenantId(a.tenant),
        signInName,
        signInNameKey: signInNameKey(signInName),
        displayName: a.displayName,
        firstName: a.firstName,
        lastName: a.lastName,
        jobTitle: a.jobTitle,
        department: 'IT',
        usageLocation: 'US',
        countryOrRegion: 'United States',
        passwordHash,
        updatedByName: 'Demo data',
        roleAssignments: { create: a.roles.map((roleId) => ({ roleId })) },
      },
    });
  }

  const contoso = tenantId('contoso');
  const people = demoPeople(CONTOSO_PEOPLE);
  await db.user.createMany({
    data: people.map((p, i) => {
      const signInName = `${p.localPart}@contoso.example`;
      return {
        tenantId: contoso,
        signInName,
        signInNameKey: signInNameKey(signInName),
        displayName: p.displayName,
        firstName: p.firstName,
        lastName: p.lastName,
        jobTitle: p.jobTitle,
        department: p.department,
        officeLocation: p.officeLocation,
        officePhone: p.officePhone,
        mobilePhone: p.mobilePhone,
        streetAddress: p.streetAddress,
        city: p.city,
        stateOrProvince: p.stateOrProvince,
        postalCode: p.postalCode,
        countryOrRegion: p.countryOrRegion,
        usageLocation: p.usageLocation,
        accountEnabled: !p.blocked,
        passwordHash,
        updatedByName: 'Demo data',
        // Spread creation dates over the last months, so "created" sorts meaningfully.
        createdAt: new Date(Date.UTC(2026, 5, 1) + i * 2 * 86_400_000),
      };
    }),
  });
  await loadLicencesAndGroups(db, tenantIds, people.map((p) => `${p.localPart}@contoso.example`));
  await seedEnvironments(db, tenantIds, passwordHash, log);
  await db.auditEvent.createMany({
    data: Object.values(tenantIds).map((id) => ({ tenantId: id, action: 'tenant.seedDemoData', actorName: 'System', detail: 'Demo data loaded.' })),
  });
  await loadPartners(db, tenantIds, passwordHash);
  log(`Demo data loaded: ${Object.keys(tenantIds).length} tenants, ${DEMO_ACCOUNTS.length + people.length} users.`);
}

/**
 * Subscriptions, assignments and groups spread so that every case of the sync
 * rules shows in the demo: licensed and unlicensed users, direct and nested
 * members, a group owner who is not a member, one subscription full.
 */
async function loadLicencesAndGroups(db: DbClient, tenantIds: Record<string, string>, contosoSignInNames: string[]) {
  const contoso = tenantIds.contoso ?? '';
  const fabrikam = tenantIds.fabrikam ?? '';
  const people = await db.user.findMany({ where: { tenantId: contoso, signInName: { in: contosoSignInNames } }, select: { id: true, signInName: true, usageLocation: true } });
  const byName = new Map(people.map((p) => [p.signInName, p]));
  const person = (i: number) => byName.get(contosoSignInNames[i] ?? '');
  const ids = (from: number, to: number, options: { licensable?: boolean } = {}) =>
    Array.from({ length: to - from + 1 }, (_, k) => person(from + k)).filter((p): p is NonNullable<typeof p> => Boolean(p) && (!options.licensable || Boolean(p?.usageLocation))).map((p) => p.id);

  const [e3, sales, powerApps] = await Promise.all([
    db.subscription.create({ data: { tenantId: contoso, productName: 'Office 365 E3', seats: 25, freeDataversePlan: true } }),
    db.subscription.create({ data: { tenantId: contoso, productName: 'Dynamics 365 Sales Enterprise', seats: 10, grantsDataverse: true } }),
    db.subscription.create({ data: { tenantId: contoso, productName: 'Power Apps Premium', seats: 5, grantsDataverse: true } }),
    db.subscription.create({ data: { tenantId: fabrikam, productName: 'Dynamics 365 Marketing (tenant)', seats: 1, tenantMarketing: true } }),
  ]);
  const assign = (subscriptionId: string, userIds: string[]) => db.licenceAssignment.createMany({ data: userIds.map((userId) => ({ tenantId: contoso, subscriptionId, userId })) });
  await assign(e3.id, ids(0, 24, { licensable: true }).slice(0, 20));
  await assign(sales.id, ids(0, 9, { licensable: true }).slice(0, 8));
  // Power Apps Premium is full: every seat taken.
  await assign(powerApps.id, ids(10, 20, { licensable: true }).slice(0, 5));

  const group = (name: string, description: string) => db.securityGroup.create({ data: { tenantId: contoso, name, nameKey: name.toLowerCase(), description } });
  const salesTeam = await group('Sales Team', 'Everyone in sales. Controls access to Contoso Production.');
  const salesEmea = await group('Sales EMEA', 'Sales in Europe, the Middle East and Africa (nested in Sales Team).');
  const finance = await group('Finance', 'Finance and accounting.');
  await db.groupNestedGroup.create({ data: { tenantId: contoso, groupId: salesTeam.id, memberGroupId: salesEmea.id } });
  const members = (groupId: string, userIds: string[]) => db.groupUserMember.createMany({ data: userIds.map((userId) => ({ tenantId: contoso, groupId, userId })) });
  await members(salesTeam.id, ids(0, 9));
  await members(salesEmea.id, ids(10, 15));
  await members(finance.id, ids(16, 21));
  // The owner of Sales Team manages it without being a member of it.
  const owner = person(22);
  if (owner) await db.groupOwner.create({ data: { tenantId: contoso, groupId: salesTeam.id, userId: owner.id } });
}

/**
 * Delegated administration (issue #5): Northwind ↔ Contoso active with 365 days left
 * (User, License and Helpdesk Administrator), Northwind ↔ Fabrikam pending. Northwind's
 * "Contoso Admins" (User and License Administrator) holds agent@northwind.example, its
 * "Helpdesk" (Helpdesk Administrator) holds helpdesk-agent@northwind.example; and
 * sales@northwind.example is a Sales agent.
 */
async function loadPartners(db: DbClient, tenantIds: Record<string, string>, passwordHash: string) {
  const northwind = tenantIds.northwind ?? '';
  const contoso = tenantIds.contoso ?? '';
  const fabrikam = tenantIds.fabrikam ?? '';
  const now = new Date();
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  const staff = async (localPart: string, displayName: string, jobTitle: string, partnerRole: 'adminAgent' | 'helpdeskAgent' | 'salesAgent') => {
    const signInName = `${localPart}@${DEMO_TENANTS.northwind.primaryDomain}`;
    const [firstName = '', lastName = ''] = displayName.split(' ');
    return db.user.create({
      data: {
        tenantId: northwind,
        signInName,
        signInNameKey: signInNameKey(signInName),
        displayName,
        firstName,
        lastName,
        jobTitle,
        department: 'Customer Success',
        usageLocation: 'US',
        countryOrRegion: 'United States',
        partnerRole,
        passwordHash,
        updatedByName: 'Demo data',
      },
      select: { id: true },
    });
  };
  const agent = await db.user.update({
    where: { id: (await db.user.findFirstOrThrow({ where: { tenantId: northwind, signInNameKey: `agent@${DEMO_TENANTS.northwind.primaryDomain}` }, select: { id: true } })).id },
    data: { partnerRole: 'adminAgent' },
    select: { id: true, displayName: true },
  });
  const helpdeskAgent = await staff('helpdesk-agent', 'Adele Vance', 'Support Engineer', 'helpdeskAgent');
  await staff('sales', 'Pradeep Gupta', 'Account Executive', 'salesAgent');

  const group = (name: string, description: string) => db.securityGroup.create({ data: { tenantId: northwind, name, nameKey: name.toLowerCase(), description }, select: { id: true } });
  const contosoAdmins = await group('Contoso Admins', 'Agents who administer Contoso’s users and licences.');
  const helpdesk = await group('Helpdesk', 'Agents who reset customers’ passwords.');
  await db.groupUserMember.createMany({
    data: [
      { tenantId: northwind, groupId: contosoAdmins.id, userId: agent.id },
      { tenantId: northwind, groupId: helpdesk.id, userId: helpdeskAgent.id },
    ],
  });

  const contosoGa = await db.user.findFirst({ where: { tenantId: contoso, signInNameKey: 'admin@contoso.example' }, select: { id: true, displayName: true } });
  const active = await db.partnerRelationship.create({
    data: {
      partnerTenantId: northwind,
      customerTenantId: contoso,
      roles: ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator'],
      durationDays: 730,
      autoExtend: false,
      status: 'active',
      requestedAt: days(-367),
      requestedById: agent.id,
      requestedByName: agent.displayName,
      decidedAt: days(-365),
      decidedById: contosoGa?.id ?? null,
      decidedByName: contosoGa?.displayName ?? null,
      startsAt: days(-365),
      endsAt: days(365),
    },
    select: { id: true },
  });
  await db.accessAssignment.createMany({
    data: [
      { relationshipId: active.id, partnerTenantId: northwind, groupId: contosoAdmins.id, roles: ['userAdministrator', 'licenseAdministrator'], createdById: agent.id },
      { relationshipId: active.id, partnerTenantId: northwind, groupId: helpdesk.id, roles: ['helpdeskAdministrator'], createdById: agent.id },
    ],
  });
  const pending = await db.partnerRelationship.create({
    data: {
      partnerTenantId: northwind,
      customerTenantId: fabrikam,
      roles: ['userAdministrator', 'licenseAdministrator'],
      durationDays: 365,
      autoExtend: true,
      status: 'pending',
      requestedAt: days(-3),
      requestedById: agent.id,
      requestedByName: agent.displayName,
    },
    select: { id: true },
  });
  const event = (tenantId: string, action: string, relationshipId: string, targetName: string, occurredAt: Date, actorName: string) => ({
    tenantId,
    action,
    occurredAt,
    actorName,
    actorTenantId: action === 'relationship.approve' ? contoso : northwind,
    targetType: 'relationship',
    targetId: relationshipId,
    targetName,
  });
  await db.auditEvent.createMany({
    data: [
      event(contoso, 'relationship.request', active.id, 'Northwind Partners', days(-367), agent.displayName),
      event(northwind, 'relationship.request', active.id, 'Contoso', days(-367), agent.displayName),
      event(contoso, 'relationship.approve', active.id, 'Northwind Partners', days(-365), contosoGa?.displayName ?? 'Demo data'),
      event(northwind, 'relationship.approve', active.id, 'Contoso', days(-365), contosoGa?.displayName ?? 'Demo data'),
      event(fabrikam, 'relationship.request', pending.id, 'Northwind Partners', days(-3), agent.displayName),
      event(northwind, 'relationship.request', pending.id, 'Fabrikam', days(-3), agent.displayName),
    ],
  });
}
