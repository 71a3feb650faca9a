import { alertWith } from './alerts';
import { createUser } from '../support/factories';
import { attemptSignIn, expect, signIn, signOut, test } from './fixtures';

test('a user with a temporary password must choose a new one, and then signs in with it', async ({ page, db, tenant }) => {
  const temporary = 'Temp-Password-123';
  const user = await createUser(db, tenant, { displayName: 'Tess Temporary', password: temporary, mustChangePassword: true });

  await signIn(page, user.signInName, temporary);
  await expect(page).toHaveURL(/\/change-password$/);
  // Nothing else is reachable until the password is changed.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/change-password$/);
  await page.goto(`/tenants/${tenant.id}`);
  await expect(page).toHaveURL(/\/change-password$/);

  await expect(page.getByLabel('Current password')).toHaveCount(0);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Confirm new password').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill(temporary);
  await page.getByLabel('Confirm new password').fill(temporary);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Choose a password different from your temporary (current) one.')).toBeVisible();

  const chosen = 'My-Own-Passphrase-42';
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('Confirm new password').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/account/);
  await signOut(page);

  await attemptSignIn(page, user.signInName, temporary);
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await signIn(page, user.signInName, chosen);
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});
