// Bulk add from a spreadsheet, bulk delete and bulk restore, and the exports, as an
// admin does them: preview with every error by line and column, the job's progress
// to 100 %, the result, the one-time password download.
import fs from 'node:fs/promises';
import { createTenant, createUser } from '../support/factories';
import { alertWith } from './alerts';
import { expect, PASSWORD, signIn, test } from './fixtures';

const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });

test('bulk add: 3 valid and 2 invalid rows → errors by line and column → Import → 100 % → 3 users, whose passwords download once', async ({ page, tenant, globalAdmin }) => {
  const d = tenant.primaryDomain;
  const run = Date.now().toString(36);
  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/import`);
  await expect(page.getByRole('link', { name: 'Download the template' })).toHaveAttribute('href', `/api/tenants/${tenant.id}/imports/template`);

  await page.getByLabel('CSV file').setInputFiles(
    csvFile('new-staff.csv', [
      'User Name,First Name,Last Name,Display Name,Usage Location,Block Sign-In',
      `ivy.${run}@${d},Ivy,Import,Ivy Import ${run},US,No`,
      `,Nobody,Here,Nameless ${run},,`,
      `jay.${run}@${d},Jay,Import,Jay Import ${run},FR,`,
      `kay.${run}@${d},Kay,Import,,DE,`,
      `lou.${run}@${d},Lou,Import,Lou Import ${run},,Yes`,
    ]),
  );
  await page.getByRole('button', { name: 'Upload' }).click();

  await expect(page.getByRole('heading', { name: 'Bulk add users: new-staff.csv' })).toBeVisible();
  await expect(page.getByText(/5 rows read: 3 rows can be imported, 2 rows have errors/)).toBeVisible();
  await page.getByRole('link', { name: 'Only errors' }).click();
  await expect(page.getByRole('row', { name: /^Line \d/ })).toHaveCount(2);
  await expect(page.getByRole('row', { name: /^Line 3 / })).toContainText('User Name: Enter the sign-in name');
  await expect(page.getByRole('row', { name: /^Line 5 / })).toContainText('Display Name: Enter a display name.');

  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Result' })).toBeVisible();
  await page.getByRole('link', { name: 'Succeeded' }).click();
  await expect(page.getByRole('row', { name: /Created/ })).toHaveCount(3);
  for (const name of ['Ivy', 'Jay', 'Lou']) await expect(page.getByRole('link', { name: `${name} Import ${run}` })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download passwords' }).click();
  const file = await fs.readFile(await (await download).path(), 'utf8');
  const lines = file.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Display Name,User Name,Temporary password');
  expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual([`ivy.${run}@${d}`, `jay.${run}@${d}`, `lou.${run}@${d}`]);
  for (const line of lines.slice(1)) expect(line.split(',')[2]).toMatch(/^[A-Za-z][^\s,]{15}$/);
  await expect(page.getByText(/3 temporary passwords downloaded/)).toBeVisible();

  await page.getByRole('button', { name: 'Download passwords' }).click();
  await expect(alertWith(page, 'The temporary passwords are gone')).toBeVisible();

  // A downloaded password works once more where it should: the new user signs in and must change it.
  const [, ivyName, ivyPassword] = lines.find((l) => l.includes(`ivy.${run}`))?.split(',') ?? [];
  await page.context().clearCookies();
  await signIn(page, ivyName ?? '', ivyPassword ?? '');
  await expect(page).toHaveURL(/\/change-password/);
});

test('bulk delete 3 users from a file, then bulk restore them from the deleted list’s search', async ({ page, db, tenant, globalAdmin }) => {
  const run = Date.now().toString(36);
  const users = await Promise.all(['Bea', 'Ben', 'Bob'].map((n) => createUser(db, tenant, { localPart: `${n.toLowerCase()}.${run}`, displayName: `${n} Bulk${run}` })));
  await signIn(page, globalAdmin.signInName, PASSWORD);

  await page.goto(`/tenants/${tenant.id}/users/bulk`);
  await page.getByLabel('CSV file').setInputFiles(csvFile('leavers.csv', ['User Name', ...users.map((u) => u.signInName), globalAdmin.signInName]));
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk delete users: leavers.csv' })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Line 5 / })).toContainText('You cannot delete yourself.');
  await page.getByRole('button', { name: 'Delete 3 users' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete 3 users?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await page.getByRole('link', { name: 'Succeeded' }).click();
  await expect(page.getByRole('row', { name: /Deleted/ })).toHaveCount(3);
  expect(await db.user.count({ where: { id: { in: users.map((u) => u.id) }, deletedAt: { not: null } } })).toBe(3);

  await page.goto(`/tenants/${tenant.id}/users/bulk?operation=restore&q=Bulk${run}`);
  await page.getByRole('button', { name: 'Preview the 3 users' }).click();
  await expect(page.getByRole('heading', { name: /Bulk restore users: all deleted users matching/ })).toBeVisible();
  await page.getByRole('button', { name: 'Restore 3 users' }).click();
  await page.getByRole('alertdialog', { name: 'Restore 3 users?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await page.getByRole('link', { name: 'Succeeded' }).click();
  await expect(page.getByRole('row', { name: /Restored/ })).toHaveCount(3);
  expect(await db.user.count({ where: { id: { in: users.map((u) => u.id) }, deletedAt: null } })).toBe(3);
});

test('exports: the users list’s filter, all matching rows, cells neutralised; another tenant’s export is not found', async ({ page, db, tenant, globalAdmin }) => {
  const run = Date.now().toString(36);
  await createUser(db, tenant, { localPart: `formula.${run}`, displayName: `=HYPERLINK("x") Exp${run}` });
  await createUser(db, tenant, { localPart: `plain.${run}`, displayName: `Plain Exp${run}` });
  await signIn(page, globalAdmin.signInName, PASSWORD);

  const response = await page.request.get(`/api/tenants/${tenant.id}/users/export?q=Exp${run}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]?.startsWith('User Name,First Name,Last Name,Display Name')).toBe(true);
  expect(lines).toHaveLength(3);
  expect(lines.some((l) => l.includes(`"'=HYPERLINK(""x"") Exp${run}"`))).toBe(true);

  const deleted = await page.request.get(`/api/tenants/${tenant.id}/users/deleted/export`);
  expect((await deleted.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Display Name,User Name,Deleted (UTC),Deleted by,Permanent deletion (UTC),Days left');

  const other = await db.tenant.create({ data: { name: `Other ${run}`, kind: 'customer', primaryDomain: `other-${run}.example` }, select: { id: true } });
  expect((await page.request.get(`/api/tenants/${other.id}/users/export`)).status()).toBe(404);
});

test('a file over 10 MB reaches the preview whole: every row is read', async ({ page, tenant, globalAdmin }) => {
  test.setTimeout(120_000);
  const d = tenant.primaryDomain;
  const run = Date.now().toString(36);
  const ROWS = 10_000;
  const long = (label: string, i: number) => `${label} ${i} `.padEnd(190, 'x');
  const lines = ['User Name,Display Name,Job Title,Department,Office Number,Address,City,State or Province,Usage Location'];
  for (let i = 1; i <= ROWS; i++) {
    lines.push([`big.${run}.${i}@${d}`, `Big ${run} ${i}`, long('Title', i), long('Department', i), long('Office', i), long('Street', i), long('City', i), long('State', i), 'US'].join(','));
  }
  const file = csvFile('big.csv', lines);
  expect(file.buffer.byteLength).toBeGreaterThan(11 * 1024 * 1024);

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk add users: big.csv' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/10,000 rows read: 10,000 rows can be imported/)).toBeVisible();
});

test('bulk block sign-in for all users matching a filter, as a job: preview, confirm, progress; then they cannot sign in', async ({ page, db, tenant, globalAdmin }) => {
  const run = Date.now().toString(36);
  const users = await Promise.all(['Cal', 'Cy', 'Cora'].map((n) => createUser(db, tenant, { localPart: `${n.toLowerCase()}.${run}`, displayName: `${n} Blk${run}`, password: PASSWORD })));
  await signIn(page, globalAdmin.signInName, PASSWORD);

  await page.goto(`/tenants/${tenant.id}/users/bulk?operation=block&q=Blk${run}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bulk block sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Preview the 3 users' }).click();
  await expect(page.getByRole('heading', { name: /Bulk block sign-in: all users matching/ })).toBeVisible();
  await page.getByRole('button', { name: 'Block sign-in for 3 users' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Block sign-in for 3 users?' });
  await expect(confirm).toContainText('their open sessions end');
  await confirm.getByRole('button', { name: 'Block sign-in', exact: true }).click();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByText('3 blocked')).toBeVisible();
  await page.getByRole('link', { name: 'Succeeded' }).click();
  await expect(page.getByRole('row', { name: /Blocked/ })).toHaveCount(3);
  expect(await db.user.count({ where: { id: { in: users.map((u) => u.id) }, accountEnabled: false } })).toBe(3);

  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Sign-in name').fill(users[0]?.signInName ?? '');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('“all N matching” beyond 5,000 users turns the users list’s bulk block into a bulk job of the same filter', async ({ page, db }) => {
  const tenant = await createTenant(db);
  const admin = await createUser(db, tenant, { displayName: 'Big Admin', roles: ['globalAdministrator'], password: PASSWORD });
  await db.$executeRaw`
    INSERT INTO "User" ("id", "tenantId", "signInName", "signInNameKey", "displayName", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${tenant.id}::uuid, 'crowd' || g || '@' || ${tenant.primaryDomain}, 'crowd' || g || '@' || ${tenant.primaryDomain}, 'Crowd Member ' || g, now(), now()
    FROM generate_series(1, 5001) AS g`;
  await signIn(page, admin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/users?q=Crowd`);
  await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
  await page.getByRole('button', { name: 'Select all 5,001 matching' }).click();
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Block sign-in', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Block sign-in for 5,001 users?' });
  await expect(dialog).toContainText('more than 5,000 users, so it runs as a bulk job');
  await dialog.getByRole('link', { name: 'Continue as a bulk job' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bulk block sign-in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All 5,001 matching' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview the 5,001 users' })).toBeEnabled();
});
