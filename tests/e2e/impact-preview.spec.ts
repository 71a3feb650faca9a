// Before a change that affects eligibility is saved, its confirmation says what it
// will do in the environments (domain.md §7), computed by the same engine.
import { randomBytes } from 'node:crypto';
import { environmentNameKey } from '@/domain/environments/environment';
import { syncEnvironment } from '@/server/environments/sync-service';
import { createUser } from '../support/factories';
import { expect, PASSWORD, signIn, test } from './fixtures';

test('the impact preview appears before removing a licence, and the removal then disables the user there', async ({ page, db, tenant, globalAdmin }) => {
  const s = randomBytes(3).toString('hex');
  const licence = await db.subscription.create({ data: { tenantId: tenant.id, productName: `Power Apps ${s}`, seats: 10, grantsDataverse: true }, select: { id: true } });
  const mary = await createUser(db, tenant, { displayName: `Mary Impact ${s}` });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: mary.id } });
  const name = `Impact Production ${s}`;
  const production = await db.environment.create({ data: { tenantId: tenant.id, name, nameKey: environmentNameKey(name), type: 'production' }, select: { id: true } });
  await syncEnvironment(db, tenant.id, production.id, 'background');
  expect(await db.environmentUser.findFirst({ where: { environmentId: production.id, userId: mary.id }, select: { isEnabled: true } })).toEqual({ isEnabled: true });

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${mary.id}?tab=licences`);
  await page.getByRole('button', { name: `Remove Power Apps ${s}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove Power Apps ${s} from ${mary.displayName}?` });
  await expect(dialog.getByText(`${mary.displayName} will be disabled in ${name}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await db.environmentUser.findFirst({ where: { environmentId: production.id, userId: mary.id }, select: { isEnabled: true } }))?.isEnabled).toBe(false);
});

test('removing a user from a subscription’s assignees shows the same preview', async ({ page, db, tenant, globalAdmin }) => {
  const s = randomBytes(3).toString('hex');
  const licence = await db.subscription.create({ data: { tenantId: tenant.id, productName: `Dynamics ${s}`, seats: 10, grantsDataverse: true }, select: { id: true } });
  const ravi = await createUser(db, tenant, { displayName: `Ravi Impact ${s}` });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: ravi.id } });
  const name = `Impact Sales ${s}`;
  const production = await db.environment.create({ data: { tenantId: tenant.id, name, nameKey: environmentNameKey(name), type: 'production' }, select: { id: true } });
  await syncEnvironment(db, tenant.id, production.id, 'background');

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/licences/${licence.id}`);
  await page.getByRole('button', { name: `Remove Dynamics ${s} from ${ravi.displayName}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove Dynamics ${s} from ${ravi.displayName}?` });
  await expect(dialog.getByRole('region', { name: 'Impact on environments' })).toContainText(`${ravi.displayName} will be disabled in ${name}`);
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await db.environmentUser.findFirst({ where: { environmentId: production.id, userId: ravi.id }, select: { isEnabled: true } }))?.isEnabled).toBe(false);
});

test('a bulk block from the users list shows each selected user’s impact before it is confirmed', async ({ page, db, tenant, globalAdmin }) => {
  const s = randomBytes(3).toString('hex');
  const licence = await db.subscription.create({ data: { tenantId: tenant.id, productName: `Power Pages ${s}`, seats: 10, grantsDataverse: true }, select: { id: true } });
  const users: { id: string; displayName: string }[] = [];
  for (const first of ['Bea', 'Bob']) {
    const user = await createUser(db, tenant, { displayName: `${first} Bulk ${s}` });
    await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: licence.id, userId: user.id } });
    users.push(user);
  }
  const name = `Bulk Production ${s}`;
  const production = await db.environment.create({ data: { tenantId: tenant.id, name, nameKey: environmentNameKey(name), type: 'production' }, select: { id: true } });
  await syncEnvironment(db, tenant.id, production.id, 'background');

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users?q=${encodeURIComponent(`Bulk ${s}`)}`);
  for (const user of users) await page.getByRole('checkbox', { name: `Select ${user.displayName}` }).check();
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Block sign-in', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Block sign-in for 2 users?' });
  const impact = dialog.getByRole('region', { name: 'Impact on environments' });
  // (Other tests' environments in this worker's tenant may be listed too: check this one's lines.)
  await expect(impact).toContainText(/Disables 2 users (in|across)/);
  for (const user of users) await expect(impact).toContainText(`${user.displayName} will be disabled in ${name}`);
  await dialog.getByRole('button', { name: 'Block sign-in', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => db.environmentUser.count({ where: { environmentId: production.id, isEnabled: true, userId: { in: users.map((u) => u.id) } } })).toBe(0);
});
