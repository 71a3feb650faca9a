// The edit wizard (issue 3): Info → Roles → Review (old → new) → Finish, opened by
// the user page's "Edit" button, or at its Roles step from the Roles tab.
import { createUser } from '../support/factories';
import { expect, PASSWORD, signIn, test } from './fixtures';

test('Edit → change the job title and add a role → the review shows old → new → Finish saves both', async ({ page, db, tenant, globalAdmin }) => {
  const eddie = await createUser(db, tenant, { displayName: 'Eddie Edit' });
  await db.user.update({ where: { id: eddie.id }, data: { jobTitle: 'Analyst' } });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${eddie.id}`);

  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Eddie Edit' })).toBeVisible();
  await page.getByLabel('Job title').fill('Senior Analyst');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'Helpdesk Administrator' }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  const changes = page.getByRole('table', { name: 'Changes to save' });
  await expect(changes.getByRole('row', { name: /Job title/ })).toHaveText(/Job title\s*Analyst\s*Senior Analyst/);
  await expect(changes.getByRole('row', { name: /Roles/ })).toHaveText(/Roles\s*None\s*Helpdesk Administrator/);
  await page.getByRole('button', { name: 'Finish' }).click();

  await expect(page.getByText('Changes saved.')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/users/${eddie.id}\\?saved=1$`));
  const saved = await db.user.findUniqueOrThrow({ where: { id: eddie.id }, select: { jobTitle: true, roleAssignments: { select: { roleId: true } } } });
  expect(saved).toEqual({ jobTitle: 'Senior Analyst', roleAssignments: [{ roleId: 'helpdeskAdministrator' }] });
});

test('the Roles tab opens the wizard at its Roles step', async ({ page, db, tenant, globalAdmin }) => {
  const rita = await createUser(db, tenant, { displayName: 'Rita Roles' });
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/${rita.id}`);
  // The tabs take the arrow keys: from Profile, one step right is Roles.
  await page.getByRole('tab', { name: 'Profile' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Roles' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Roles' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Roles' })).toContainText('Rita Roles holds no admin role.');
  await page.getByRole('link', { name: 'Change Rita Roles’s roles' }).click();
  await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem').and(page.locator('[aria-current="step"]'))).toHaveText('2. Roles');
  await expect(page.getByRole('checkbox', { name: 'Global Administrator' })).toBeVisible();
  await expect(page.getByLabel('Job title')).toBeHidden();
});
