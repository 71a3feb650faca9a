import { alertWith } from './alerts';
import { attemptSignIn, DEMO_PASSWORD, expect, signIn, signOut, test } from './fixtures';

test('a demo admin signs in and sees Contoso’s overview', async ({ page }) => {
  await signIn(page, 'admin@contoso.example', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso' })).toBeVisible();
  await expect(page.getByText('contoso.example').first()).toBeVisible();
  for (const name of ['Overview', 'Users', 'Roles', 'Licences', 'Groups', 'Environments', 'Audit log', 'My environments']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /Users/ }).first()).toBeVisible();
  await signOut(page);
});

test('a wrong password is refused with one message and nothing else', async ({ page }) => {
  await attemptSignIn(page, 'admin@contoso.example', 'not-the-password');
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('Sign-in name')).toHaveValue('admin@contoso.example');
});

test('an unknown sign-in name gets the very same message', async ({ page }) => {
  await attemptSignIn(page, 'nobody@contoso.example', 'not-the-password');
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
});

test('pages need a session: an anonymous visitor is sent to sign in', async ({ page }) => {
  await page.goto('/tenants');
  await expect(page).toHaveURL(/\/login\?next=%2Ftenants/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
