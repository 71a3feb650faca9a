// Demo environments (issue #6): called by the demo seed with the ids of its tenants,
// after users, licences and groups exist. Contoso gets one environment of each
// kind — Production (Dataverse, group Sales Team, sales app), Trial, Dev (created
// by admin@contoso.example), Teams, Sandbox (no Dataverse) — and the application
// user "Contoso ERP connector"; Fabrikam gets "Fabrikam Marketing" (its tenant has
// the tenant-level marketing licence). A Power Platform administrator,
// ppadmin@contoso.example, manages them. Then a first background sync runs over
// every environment, so the user tables are filled as the job would fill them.
import type { EnvironmentType } from '../src/domain/environments/eligibility';
import { environmentNameKey } from '../src/domain/environments/environment';
import { signInNameKey } from '../src/domain/users/user';
import type { DbClient } from '../src/server/db/client';
import { syncEnvironment } from '../src/server/environments/sync-service';

export const PP_ADMIN = { localPart: 'ppadmin', displayName: 'Adele Vance', firstName: 'Adele', lastName: 'Vance', jobTitle: 'Power Platform Administrator' };
export const ERP_CONNECTOR = { name: 'Contoso ERP connector', applicationId: '4f1c2a9e-7b3d-4e8a-9c61-2d5f0b8e7a13' };

type DemoEnvironment = {
  tenant: 'contoso' | 'fabrikam';
  name: string;
  type: EnvironmentType;
  hasDataverse?: boolean;
  group?: string;
  hasSalesApp?: boolean;
};

export const DEMO_ENVIRONMENTS: DemoEnvironment[] = [
  { tenant: 'contoso', name: 'Contoso Production', type: 'production', group: 'Sales Team', hasSalesApp: true },
  { tenant: 'contoso', name: 'Contoso Trial', type: 'trial' },
  { tenant: 'contoso', name: 'Contoso Dev', type: 'developer' },
  { tenant: 'contoso', name: 'Contoso Teams', type: 'teams' },
  { tenant: 'contoso', name: 'Contoso Sandbox', type: 'sandbox', hasDataverse: false },
  { tenant: 'fabrikam', name: 'Fabrikam Marketing', type: 'production' },
];

/**
 * Loads the demo environments into tenants `tenantIds.contoso` and `tenantIds.fabrikam`
 * (pass the seed's transaction as `db`); `passwordHash` is the demo accounts' hash.
 */
export async function seedEnvironments(db: DbClient, tenantIds: Record<string, string>, passwordHash: string, log: (line: string) => void = () => undefined) {
  const contoso = tenantIds.contoso;
  const fabrikam = tenantIds.fabrikam;
  if (!contoso || !fabrikam) throw new Error('seedEnvironments needs the ids of the contoso and fabrikam tenants.');

  const signInName = `${PP_ADMIN.localPart}@contoso.example`;
  await db.user.create({
    data: {
      tenantId: contoso,
      signInName,
      signInNameKey: signInNameKey(signInName),
      displayName: PP_ADMIN.displayName,
      firstName: PP_ADMIN.firstName,
      lastName: PP_ADMIN.lastName,
      jobTitle: PP_ADMIN.jobTitle,
      department: 'IT',
      usageLocation: 'US',
      countryOrRegion: 'United States',
      passwordHash,
      updatedByName: 'Demo data',
      roleAssignments: { create: [{ roleId: 'powerPlatformAdministrator' }] },
    },
  });

  const admins = await db.user.findMany({
    where: { signInNameKey: { in: ['admin@contoso.example', 'admin@fabrikam.example'] }, deletedAt: null },
    select: { id: true, tenantId: true },
  });
  const creatorOf = (tenantId: string) => admins.find((a) => a.tenantId === tenantId)?.id ?? null;
  const groups = await db.securityGroup.findMany({ where: { tenantId: contoso }, select: { id: true, name: true } });

  const created: { id: string; tenantId: string; name: string }[] = [];
  for (const e of DEMO_ENVIRONMENTS) {
    const tenantId = e.tenant === 'contoso' ? contoso : fabrikam;
    const groupId = e.group ? (groups.find((g) => g.name === e.group)?.id ?? null) : null;
    const environment = await db.environment.create({
      data: {
        tenantId,
        name: e.name,
        nameKey: environmentNameKey(e.name),
        type: e.type,
        hasDataverse: e.hasDataverse ?? true,
        securityGroupId: groupId,
        creatorId: creatorOf(tenantId),
        hasSalesApp: e.hasSalesApp ?? false,
      },
      select: { id: true, tenantId: true, name: true },
    });
    created.push(environment);
  }

  const production = created.find((e) => e.name === 'Contoso Production');
  if (production) {
    await db.environmentUser.create({
      data: {
        tenantId: contoso,
        environmentId: production.id,
        kind: 'application',
        isEnabled: true,
        accessMode: 'NonInteractive',
        securityRoles: ['System Customizer'],
        createdVia: 'admin',
        fullName: ERP_CONNECTOR.name,
        firstName: '#',
        lastName: ERP_CONNECTOR.name,
        applicationId: ERP_CONNECTOR.applicationId,
        objectId: ERP_CONNECTOR.applicationId,
      },
    });
  }

  // The first background sync, exactly as the job runs it.
  let added = 0;
  for (const environment of created) {
    const outcome = await syncEnvironment(db, environment.tenantId, environment.id, 'background');
    added += outcome?.counts.added ?? 0;
  }

  // Security roles as admins would have set them: the administrators administer, and
  // in Production the holders of a Dynamics 365 Sales licence sell. Others are left
  // without a role, which diagnostics report (R6: can sign in, sees no data).
  const adminIds = await db.user.findMany({
    where: { tenantId: { in: [contoso, fabrikam] }, roleAssignments: { some: { roleId: { in: ['globalAdministrator', 'powerPlatformAdministrator'] } } } },
    select: { id: true },
  });
  await db.environmentUser.updateMany({
    where: { environmentId: { in: created.map((e) => e.id) }, userId: { in: adminIds.map((a) => a.id) } },
    data: { securityRoles: ['System Administrator'] },
  });
  if (production) {
    const sellers = await db.licenceAssignment.findMany({
      where: { tenantId: contoso, suspendedAt: null, subscription: { productName: 'Dynamics 365 Sales Enterprise' } },
      select: { userId: true },
    });
    await db.environmentUser.updateMany({
      where: { environmentId: production.id, userId: { in: sellers.map((s) => s.userId) }, securityRoles: { isEmpty: true } },
      data: { securityRoles: ['Salesperson'] },
    });
  }
  log(`Demo environments loaded: ${created.length} environments, ${added} users added by the first sync.`);
  return created;
}
