import { alertWith } from './alerts';
import { attemptSignIn, expect, PASSWORD, signIn, signOut, test } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('an admin creates a user, copies the temporary password, and the user signs in with it and must change it', async ({ page, tenant, globalAdmin }) => {
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users`);
  await page.getByRole('link', { name: 'New user' }).click();

  await page.getByRole('radio', { name: 'Username' }).check();
  await page.getByRole('textbox', { name: 'Username' }).fill('mary.parker');
  await page.getByLabel('Display name').fill('Mary Parker');
  await page.getByLabel('First name').fill('Mary');
  await page.getByLabel('Last name').fill('Parker');
  await page.getByLabel('Usage location').selectOption('SE');
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  const signInName = `mary.parker@${tenant.primaryDomain}`;
  await expect(page.getByText(signInName)).toBeVisible();
  await expect(page.getByText('you will not see it again')).toBeVisible();
  const secret = page.getByLabel('Temporary password');
  const temporary = await secret.inputValue();
  expect(temporary.length).toBeGreaterThanOrEqual(16);
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporary);

  await signOut(page);
  await signIn(page, signInName, temporary);
  await expect(page).toHaveURL(/\/change-password$/);
  const chosen = 'Marys-Own-Secret-2026';
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('Confirm new password').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/account/);
  await signOut(page);

  await attemptSignIn(page, signInName, temporary);
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await signIn(page, signInName, chosen);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('a taken sign-in name is an error beside the field with three free variations', async ({ page, tenant, globalAdmin }) => {
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/new`);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(globalAdmin.signInName.toUpperCase());
  await page.getByLabel('Display name').fill('Impostor');
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(page.getByText(`${globalAdmin.signInName.toUpperCase()} is already taken. Try a variation.`)).toBeVisible();
  await expect(page.getByLabel('Display name')).toHaveValue('Impostor');
  const variations = page.getByRole('button', { name: new RegExp(`@${tenant.primaryDomain.replace('.', '\\.')}$`) });
  await expect(variations).toHaveCount(3);
  const first = (await variations.first().textContent()) ?? '';
  await variations.first().click();
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue(first);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByLabel('Temporary password')).toBeVisible();
  await expect(page.getByText(first, { exact: true })).toBeVisible();
});

test('three users with "Create and add another", then Finish lists all three with their passwords', async ({ page, tenant, globalAdmin }) => {
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/new`);
  const names = ['ann.one', 'ben.two', 'cat.three'];
  for (const name of names) {
    await page.getByRole('radio', { name: 'Username' }).check();
    await page.getByRole('textbox', { name: 'Username' }).fill(name);
    await page.getByLabel('Display name').fill(name.replace('.', ' '));
    await page.getByRole('button', { name: 'Create and add another' }).click();
    await expect(page.getByRole('heading', { name: `Created: ${name.replace('.', ' ')}` })).toBeVisible();
    await expect(page.getByLabel('Display name')).toHaveValue('');
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  const table = page.getByRole('table', { name: 'New users and their temporary passwords' });
  for (const name of names) await expect(table.getByRole('row', { name: new RegExp(`${name}@`) })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(4);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('new-users.csv');
});
