// Environments in the browser (issue #6): diagnostics explain the nested-group case
// and, once the user is added to the group directly, Run diagnostics enables them;
// an ordinary user opens a Dataverse for Teams environment from My environments and
// is let in on first access; Sync now adds a run to the history. Data is created
// with Prisma in the worker's own tenant; names carry a suffix so tests never meet.
import { randomBytes } from 'node:crypto';
import { environmentNameKey } from '@/domain/environments/environment';
import type { Db } from '@/server/db/client';
import { createUser } from '../support/factories';
import { DEMO_PASSWORD, expect, PASSWORD, signIn, test } from './fixtures';

const suffix = () => randomBytes(3).toString('hex');

async function dataverseLicence(db: Db, tenantId: string) {
  const productName = `Dynamics 365 Sales ${suffix()}`;
  return db.subscription.create({ data: { tenantId, productName, seats: 100, grantsDataverse: true }, select: { id: true } });
}

async function environment(db: Db, tenantId: string, data: { name: string; type: 'production' | 'teams'; securityGroupId?: string | null }) {
  return db.environment.create({
    data: { tenantId, name: data.name, nameKey: environmentNameKey(data.name), type: data.type, securityGroupId: data.securityGroupId ?? null },
    select: { id: true, name: true },
  });
}

test('diagnostics explain a nested membership; after adding the user directly, Run diagnostics enables them', async ({ page, db, tenant, globalAdmin }) => {
  const s = suffix();
  const licence = await dataverseLicence(db, tenant.id);
  const team = await db.securityGroup.create({ data: { tenantId: tenant.id, name: `Sales Team ${s}`, nameKey: `sales team ${s}` }, select: { id: true } });
  const emea = await db.securityGroup.create({ data: { tenantId: tenant.id, name: `Sales EMEA ${s}`, nameKey: `sales emea ${s}` }, select: { id: true } });
  await db.groupNestedGroup.create({ data: { tenantId: tenant.id, groupId: team.id, memberGroupId: emea.id } });
  const mary = await createUser(db, tenant, { displayName: `Mary Nested ${s}` });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: mary.id } });
  await db.groupUserMember.create({ data: { tenantId: tenant.id, groupId: emea.id, userId: mary.id } });
  const production = await environment(db, tenant.id, { name: `Nested Production ${s}`, type: 'production', securityGroupId: team.id });

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/environments/${production.id}/users/${mary.id}`);
  await expect(page.getByText(`${mary.displayName} has no row in ${production.name}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Run diagnostics' }).click();
  const diagnostics = page.getByRole('region', { name: `Diagnostics for ${mary.displayName} in ${production.name}` });
  const r3 = diagnostics.getByRole('row', { name: /R3_GROUP/ });
  await expect(r3).toContainText('Failed');
  await expect(r3).toContainText(
    `${mary.displayName} is in Sales EMEA ${s}, which is nested in Sales Team ${s}; nested membership does not count — add ${mary.displayName} to Sales Team ${s} directly.`,
  );
  await expect(r3).toContainText(`Add ${mary.displayName} to group Sales Team ${s} directly`);
  for (const code of ['R0_DATAVERSE', 'R1_ACCOUNT', 'R2_LICENSE', 'R4_ENV_TYPE', 'R5_NON_INTERACTIVE_LIMIT', 'R6_SECURITY_ROLE']) {
    await expect(diagnostics.getByRole('row', { name: new RegExp(code) })).toBeVisible();
  }

  // The fix, as the admin applies it: Mary becomes a direct member of the environment's group.
  const diagnosticsPage = page.url();
  await page.goto(`/tenants/${tenant.id}/groups/${team.id}`);
  await page.getByRole('button', { name: 'Add members' }).click();
  const add = page.getByRole('dialog', { name: `Add members to Sales Team ${s}` });
  await add.getByLabel('Search users and groups').fill(mary.displayName);
  await add.getByRole('checkbox', { name: `${mary.displayName} (${mary.signInName})` }).check();
  await add.getByRole('button', { name: 'Add selected members' }).click();
  await expect(page.getByText(`Added to members of Sales Team ${s}: ${mary.displayName}.`)).toBeVisible();
  await page.goto(diagnosticsPage);
  await page.getByRole('button', { name: 'Run diagnostics' }).click();
  await expect(diagnostics.getByRole('row', { name: /R3_GROUP/ })).toContainText('Passed');
  // The membership change re-synchronises Mary at once (or Run diagnostics adds her, whichever comes first).
  await expect(page.getByRole('region', { name: 'Row in the user table' })).toContainText('Enabled');
  const row = await db.environmentUser.findFirst({ where: { environmentId: production.id, userId: mary.id }, select: { isEnabled: true } });
  expect(row?.isEnabled).toBe(true);
});

test('an ordinary user opens a Dataverse for Teams environment from My environments and gets access on first access', async ({ page, db, tenant }) => {
  const s = suffix();
  const licence = await dataverseLicence(db, tenant.id);
  const tina = await createUser(db, tenant, { displayName: `Tina Teams ${s}`, password: PASSWORD });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: tina.id } });
  const teams = await environment(db, tenant.id, { name: `Team Space ${s}`, type: 'teams' });

  await signIn(page, tina.signInName, PASSWORD);
  // An ordinary user lands on their account page, whose navigation leads to My environments.
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('link', { name: 'My environments' }).click();
  await expect(page.getByRole('heading', { name: 'My environments' })).toBeVisible();
  const card = page.getByRole('region', { name: teams.name });
  await expect(card).toContainText('Not added yet');
  await card.getByRole('button', { name: 'Open' }).click();
  await expect(card.getByText(`You have access to ${teams.name}`)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: teams.name })).toContainText('You have access');
  const row = await db.environmentUser.findFirst({ where: { environmentId: teams.id, userId: tina.id }, select: { isEnabled: true, createdVia: true } });
  expect(row).toEqual({ isEnabled: true, createdVia: 'onDemand' });
});

test('Sync now runs the sync and the history shows the run', async ({ page, db, tenant, globalAdmin }) => {
  const s = suffix();
  const production = await environment(db, tenant.id, { name: `Sync Production ${s}`, type: 'production' });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/environments/${production.id}`);
  await expect(page.getByText('No sync has run yet')).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText(/^Synchronised: \d+ added/)).toBeVisible();
  const history = page.getByRole('table', { name: `Sync history of ${production.name}` });
  await expect(history.getByRole('row', { name: /Sync now/ })).toHaveCount(1);
  // The worker's Global Administrator needs neither licence nor group: added as an administrative user.
  const users = page.getByRole('table', { name: `Users of ${production.name}` });
  await expect(users.getByRole('row', { name: new RegExp(globalAdmin.displayName) })).toContainText('Administrative');
  await expect(users.getByRole('row', { name: /Placeholder: support user/ })).toBeVisible();
});

test('changing an environment’s security group shows who will be disabled there before it is saved', async ({ page, db, tenant, globalAdmin }) => {
  const s = suffix();
  const licence = await dataverseLicence(db, tenant.id);
  const sales = await db.securityGroup.create({ data: { tenantId: tenant.id, name: `Sales ${s}`, nameKey: `sales ${s}` }, select: { id: true } });
  await db.securityGroup.create({ data: { tenantId: tenant.id, name: `Finance ${s}`, nameKey: `finance ${s}` } });
  const sam = await createUser(db, tenant, { displayName: `Sam Seller ${s}` });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: sam.id } });
  await db.groupUserMember.create({ data: { tenantId: tenant.id, groupId: sales.id, userId: sam.id } });
  const production = await environment(db, tenant.id, { name: `Group Production ${s}`, type: 'production', securityGroupId: sales.id });
  await db.environmentUser.create({ data: { tenantId: tenant.id, environmentId: production.id, userId: sam.id, isEnabled: true, createdVia: 'backgroundSync' } });

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/environments/${production.id}/edit`);
  await page.getByLabel('Security group').selectOption({ label: `Finance ${s}` });
  await page.getByRole('button', { name: 'Save' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Change the security group to Finance ${s}?` });
  await expect(confirm.getByRole('region', { name: 'Impact on environments' })).toContainText(`${sam.displayName} will be disabled in ${production.name}`);
  // Cancel changes nothing…
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await db.environment.findUniqueOrThrow({ where: { id: production.id }, select: { securityGroupId: true } })).securityGroupId).toBe(sales.id);
  // …confirming saves.
  await page.getByRole('button', { name: 'Save' }).click();
  await confirm.getByRole('button', { name: 'Change the group and save' }).click();
  await expect(page).toHaveURL(new RegExp(`/environments/${production.id}\\?saved=1$`));
  expect((await db.environment.findUniqueOrThrow({ where: { id: production.id }, select: { securityGroup: { select: { name: true } } } })).securityGroup?.name).toBe(`Finance ${s}`);
});

test('a Contoso employee opens the seeded “Contoso Teams” from My environments and is let in on first access', async ({ page, db }) => {
  const teams = await db.environment.findFirstOrThrow({ where: { name: 'Contoso Teams', tenant: { primaryDomain: 'contoso.example' } }, select: { id: true, tenantId: true } });
  const inside = await db.environmentUser.findMany({ where: { environmentId: teams.id, userId: { not: null } }, select: { userId: true } });
  // A demo employee (no admin role, a Dataverse licence) not yet in it: each run (or retry) takes another.
  const employee = await db.user.findFirstOrThrow({
    where: {
      tenantId: teams.tenantId,
      kind: 'member',
      deletedAt: null,
      accountEnabled: true,
      mustChangePassword: false,
      roleAssignments: { none: {} },
      licences: { some: { suspendedAt: null, subscription: { grantsDataverse: true } } },
      id: { notIn: inside.map((r) => r.userId as string) },
    },
    orderBy: { signInNameKey: 'asc' },
    select: { id: true, signInName: true },
  });

  await signIn(page, employee.signInName, DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My environments' }).click();
  const card = page.getByRole('region', { name: 'Contoso Teams' });
  await expect(card).toContainText('Not added yet');
  await card.getByRole('button', { name: 'Open' }).click();
  await expect(card.getByText('You have access to Contoso Teams')).toBeVisible();
  const row = await db.environmentUser.findFirst({ where: { environmentId: teams.id, userId: employee.id }, select: { isEnabled: true, createdVia: true } });
  expect(row).toEqual({ isEnabled: true, createdVia: 'onDemand' });
});
