import { createUser } from '../support/factories';
import { expect, PASSWORD, signIn, signOut, test } from './fixtures';

test('a Global Administrator gives a user the User Administrator role, and that user can then create users', async ({ page, db, tenant, globalAdmin }) => {
  const uma = await createUser(db, tenant, { displayName: 'Uma Upgrade', password: PASSWORD, roles: ['globalReader'] });

  await signIn(page, uma.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users`);
  await expect(page.getByRole('link', { name: 'New user' })).toHaveCount(0);
  await signOut(page);

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/roles`);
  await page.getByRole('link', { name: 'User Administrator' }).click();
  await page.getByRole('button', { name: 'Add assignment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an assignment of User Administrator' });
  await dialog.getByRole('searchbox').fill('Uma');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByRole('radio', { name: 'Uma Upgrade' }).check();
  await dialog.getByRole('button', { name: 'Assign to Uma Upgrade' }).click();
  await expect(page.getByText('User Administrator assigned to Uma Upgrade.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Uma Upgrade/ })).toBeVisible();
  await signOut(page);

  await signIn(page, uma.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users`);
  await page.getByRole('link', { name: 'New user' }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`made.by.uma@${tenant.primaryDomain}`);
  await page.getByLabel('Display name').fill('Made By Uma');
  // A User Administrator creates users but assigns no roles.
  await expect(page.getByRole('group', { name: 'Directory roles' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByLabel('Temporary password')).toBeVisible();
});

test('a Helpdesk Administrator sees no role controls', async ({ page, db, tenant }) => {
  const helpdesk = await createUser(db, tenant, { displayName: 'Hank Helpdesk', password: PASSWORD, roles: ['helpdeskAdministrator'] });
  const someone = await createUser(db, tenant, { displayName: 'Sue Someone', password: PASSWORD });
  await signIn(page, helpdesk.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/roles/globalAdministrator`);
  await expect(page.getByRole('heading', { name: 'Global Administrator' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add assignment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await page.goto(`/tenants/${tenant.id}/users/${someone.id}?tab=roles`);
  await expect(page.getByText('Your roles do not allow you to assign or remove directory roles.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change Sue Someone’s roles' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit' })).toBeDisabled();
});
