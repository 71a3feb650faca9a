import { createUser } from '../support/factories';
import { alertWith } from './alerts';
import { attemptSignIn, expect, PASSWORD, signIn, signOut, test } from './fixtures';

test('block sign-in: the user can no longer sign in', async ({ page, db, tenant, globalAdmin }) => {
  const user = await createUser(db, tenant, { displayName: 'Blake Blockme', password: PASSWORD });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${user.id}`);
  await page.getByRole('button', { name: 'Block sign-in' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Block sign-in for Blake Blockme?' });
  await dialog.getByRole('button', { name: 'Block sign-in' }).click();
  await expect(page.getByText('Sign-in blocked. Open sessions have ended.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unblock sign-in' })).toBeVisible();
  await signOut(page);

  await attemptSignIn(page, user.signInName, PASSWORD);
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
});

test('delete → Deleted users with 30 days left → restore → the user signs in again', async ({ page, db, tenant, globalAdmin }) => {
  const user = await createUser(db, tenant, { displayName: 'Dora Deleted', password: PASSWORD });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${user.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete Dora Deleted?' });
  await expect(dialog).toContainText('restore the user');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Dora Deleted was moved to')).toBeVisible();

  await page.getByRole('link', { name: /Deleted users \(\d+\)/ }).click();
  const row = page.getByRole('row', { name: /Dora Deleted/ });
  await expect(row).toContainText('30 days left');
  await row.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('alertdialog', { name: 'Restore Dora Deleted?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText(`Dora Deleted is restored and can sign in as ${user.signInName}.`)).toBeVisible();
  await signOut(page);

  await signIn(page, user.signInName, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('delete permanently: a second confirmation, then the user is gone for good', async ({ page, db, tenant, globalAdmin }) => {
  const user = await createUser(db, tenant, { displayName: 'Pete Permanent', password: PASSWORD, deletedAt: new Date() });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/deleted?q=Pete`);
  const row = page.getByRole('row', { name: /Pete Permanent/ });
  await row.getByRole('button', { name: 'Delete permanently' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete Pete Permanent permanently?' });
  await expect(dialog.getByRole('button', { name: 'Delete permanently' })).toBeDisabled();
  await dialog.getByLabel('I understand that this is permanent').check();
  await dialog.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page.getByText('Pete Permanent was deleted permanently.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Pete Permanent/ })).toHaveCount(0);
  expect(await db.user.count({ where: { id: user.id } })).toBe(0);
  await page.goto(`/tenants/${tenant.id}/audit?action=user.purge`);
  await expect(page.getByRole('row', { name: /Pete Permanent/ })).toBeVisible();
});

test('a helpdesk admin resets an ordinary user’s password, and is refused for the Global Administrator with the reason', async ({ page, db, tenant, globalAdmin }) => {
  const helpdesk = await createUser(db, tenant, { displayName: 'Hal Helpdesk', password: PASSWORD, roles: ['helpdeskAdministrator'] });
  const ordinary = await createUser(db, tenant, { displayName: 'Olive Ordinary', password: PASSWORD });
  await signIn(page, helpdesk.signInName, PASSWORD);

  await page.goto(`/tenants/${tenant.id}/users/${ordinary.id}`);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('alertdialog', { name: 'Reset password for Olive Ordinary?' }).getByRole('button', { name: 'Reset password' }).click();
  const temporary = await page.getByLabel('Temporary password').inputValue();
  expect(temporary.length).toBeGreaterThanOrEqual(16);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();

  await page.goto(`/tenants/${tenant.id}/users/${globalAdmin.id}`);
  const reset = page.getByRole('button', { name: 'Reset password' });
  await expect(reset).toBeDisabled();
  await expect(page.getByText(/Helpdesk Administrator may reset users' password only up to privilege tier 1\. .*Global Administrator \(tier 3\)/)).toBeVisible();
  await signOut(page);

  await attemptSignIn(page, ordinary.signInName, PASSWORD);
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await signIn(page, ordinary.signInName, temporary);
  await expect(page).toHaveURL(/\/change-password$/);
});
