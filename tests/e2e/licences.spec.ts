// Licences in the browser: assigning with the usage location asked for in the same
// step, the "no seats left" error naming the subscription and the numbers, the
// licences list's seats, seat counts, and bulk assignment stopping at the seat limit.
import { randomBytes } from 'node:crypto';
import { createUser } from '../support/factories';
import { alertWith } from './alerts';
import { expect, PASSWORD, signIn, test } from './fixtures';

const unique = (name: string) => `${name} ${randomBytes(2).toString('hex').toUpperCase()}`;

test('assigning a licence to a user without a usage location asks for it, then sets both in one step', async ({ page, db, tenant, globalAdmin }) => {
  const product = unique('Power Apps Premium');
  const subscription = await db.subscription.create({ data: { tenantId: tenant.id, productName: product, seats: 5, grantsDataverse: true } });
  const nina = await createUser(db, tenant, { displayName: 'Nina Nowhere', usageLocation: null });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${nina.id}?tab=licences`);

  await page.getByRole('button', { name: 'Assign licences' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign licences to Nina Nowhere' });
  await expect(dialog.getByLabel('Usage location')).toBeVisible();
  await dialog.getByRole('checkbox', { name: product }).check();
  // Without a country the dialog refuses, beside the field, and keeps the choice.
  await dialog.getByRole('button', { name: 'Assign' }).click();
  await expect(dialog.getByText('Choose a usage location: licences need one.')).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: product })).toBeChecked();

  await dialog.getByLabel('Usage location').selectOption({ label: 'Germany' });
  await dialog.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByText(`Assigned ${product} to Nina Nowhere. Usage location set to Germany.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(product) })).toBeVisible();

  const stored = await db.user.findUniqueOrThrow({ where: { id: nina.id }, select: { usageLocation: true } });
  expect(stored.usageLocation).toBe('DE');
  expect(await db.licenceAssignment.count({ where: { subscriptionId: subscription.id, userId: nina.id, suspendedAt: null } })).toBe(1);

  // Remove, after a confirmation that names the licence and the user.
  await page.getByRole('button', { name: `Remove ${product}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Remove ${product} from Nina Nowhere?` });
  await expect(confirm).toContainText('remove the user from the environment’s security group instead');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText(`Removed ${product} from Nina Nowhere. The seat is free.`)).toBeVisible();
  expect(await db.licenceAssignment.count({ where: { subscriptionId: subscription.id, userId: nina.id } })).toBe(0);
});

test('assigning the last seat after someone else took it shows the error naming the subscription and the numbers', async ({ page, db, tenant, globalAdmin }) => {
  const product = unique('Dynamics 365 Sales');
  const subscription = await db.subscription.create({ data: { tenantId: tenant.id, productName: product, seats: 2 } });
  const [holder, rival, mia] = await Promise.all([
    createUser(db, tenant, { displayName: 'Hal Holder' }),
    createUser(db, tenant, { displayName: 'Rita Rival' }),
    createUser(db, tenant, { displayName: 'Mia Late' }),
  ]);
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: subscription.id, userId: holder.id } });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${mia.id}?tab=licences`);

  await page.getByRole('button', { name: 'Assign licences' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign licences to Mia Late' });
  const choice = dialog.getByRole('checkbox', { name: product });
  await expect(choice).toHaveAccessibleDescription('1 of 2 available');
  await expect(dialog.getByLabel('Usage location')).toHaveCount(0);
  await choice.check();
  // Another admin takes the last seat while the dialog is open.
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: subscription.id, userId: rival.id } });
  await dialog.getByRole('button', { name: 'Assign' }).click();

  await expect(alertWith(page, `No seats left in ${product}: 2 of 2 assigned, 0 available.`)).toBeVisible();
  // The dialog reads the seats again: the full subscription can no longer be chosen.
  await expect(choice).toBeDisabled();
  await expect(choice).toHaveAccessibleDescription('No seats left (2 of 2 assigned)');
  expect(await db.licenceAssignment.count({ where: { subscriptionId: subscription.id, userId: mia.id } })).toBe(0);
});

test('the licences list shows seats assigned and available; the seat count cannot go below the seats in use', async ({ page, db, tenant, globalAdmin }) => {
  const product = unique('Office 365 E3');
  const subscription = await db.subscription.create({ data: { tenantId: tenant.id, productName: product, seats: 5, freeDataversePlan: true } });
  const people = await Promise.all(['Ann', 'Ben', 'Cat', 'Dan'].map((n) => createUser(db, tenant, { displayName: `${n} Seat` })));
  await db.licenceAssignment.createMany({ data: people.slice(0, 3).map((p) => ({ tenantId: tenant.id, subscriptionId: subscription.id, userId: p.id })) });
  // A deleted user's licence is suspended: it holds no seat.
  const gone = people[3];
  if (!gone) throw new Error('user missing');
  await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
  await db.licenceAssignment.create({ data: { tenantId: tenant.id, subscriptionId: subscription.id, userId: gone.id, suspendedAt: new Date() } });

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/licences`);
  await page.getByRole('searchbox', { name: 'Search products' }).fill(product);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: new RegExp(product) });
  await expect(row.getByRole('cell')).toHaveText([product, 'Free Dataverse plan', '5', '3', '2', /3 of 5 assigned · 2 available/, 'Change seats']);
  const bar = row.getByRole('progressbar', { name: `Seats assigned in ${product}` });
  await expect(bar).toHaveAttribute('aria-valuenow', '3');
  await expect(bar).toHaveAttribute('aria-valuemax', '5');

  await row.getByRole('button', { name: `Change seats of ${product}` }).click();
  const dialog = page.getByRole('dialog', { name: `Change seats of ${product}` });
  await dialog.getByLabel('Seats').fill('2');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(`${product} has 3 seats assigned: the seat count cannot go below 3 (you asked for 2). Remove licences first.`)).toBeVisible();
  await expect(dialog.getByLabel('Seats')).toHaveValue('2');
  await dialog.getByLabel('Seats').fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`${product} now has 3 seats.`)).toBeVisible();
  await expect(row.getByRole('cell').nth(4)).toHaveText('0');
});

test('bulk assignment from a subscription’s page stops at the seat limit and reports who was left out and why', async ({ page, db, tenant, globalAdmin }) => {
  const product = unique('Visio Plan 2');
  const tag = randomBytes(3).toString('hex');
  const subscription = await db.subscription.create({ data: { tenantId: tenant.id, productName: product, seats: 2 } });
  await createUser(db, tenant, { displayName: `Bulk ${tag} A` });
  await createUser(db, tenant, { displayName: `Bulk ${tag} B`, usageLocation: null });
  await createUser(db, tenant, { displayName: `Bulk ${tag} C` });
  await createUser(db, tenant, { displayName: `Bulk ${tag} D` });

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/licences/${subscription.id}?tab=assign&q=${encodeURIComponent(`Bulk ${tag}`)}`);
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  await page.getByRole('button', { name: `Assign ${product}` }).click();
  const confirm = page.getByRole('dialog', { name: `Assign ${product} to 4 users?` });
  await confirm.getByRole('button', { name: 'Assign' }).click();

  const report = page.getByRole('status').filter({ hasText: `2 users assigned ${product}.` });
  await expect(report).toContainText('0 already had it. 2 failed.');
  await expect(report).toContainText(`Bulk ${tag} B: Bulk ${tag} B has no usage location.`);
  await expect(report).toContainText(`Bulk ${tag} D: No seats left in ${product}: 2 of 2 assigned, 0 available.`);
  expect(await db.licenceAssignment.count({ where: { subscriptionId: subscription.id, suspendedAt: null } })).toBe(2);

  await page.getByRole('tab', { name: 'Assigned users' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`Bulk ${tag} A`) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Bulk ${tag} C`) })).toBeVisible();
  await expect(page.getByText('2 users assigned')).toBeVisible();
});
