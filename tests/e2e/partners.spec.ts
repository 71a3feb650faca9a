// Delegated administration in the browser (issue #5): partner agents work in their
// customers' directories with exactly the roles of their groups, on behalf of the
// partner; a customer without an active relationship does not exist for them; the
// customer's Global Administrator approves requests; the partner adds its own staff.
// Each test builds its own partner and customers; only the "not found" check also
// looks at the demo data the issue names (agent@northwind.example and Fabrikam).
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { RoleId } from '@/domain/shared/permissions';
import type { Db } from '@/server/db/client';
import { createTenant, createUser } from '../support/factories';
import { DEMO_PASSWORD, expect, PASSWORD, signIn, signOut, test } from './fixtures';

const DAY = 86_400_000;
const tag = () => randomBytes(3).toString('hex');

async function agent(db: Db, tenant: { id: string; primaryDomain: string }, displayName: string, partnerRole: 'adminAgent' | 'helpdeskAgent' | 'salesAgent' | null, roles: RoleId[] = []) {
  const user = await createUser(db, tenant, { displayName, password: PASSWORD, roles });
  if (partnerRole) await db.user.update({ where: { id: user.id }, data: { partnerRole } });
  return user;
}

/** A partner with an Admin agent in "Admins" (User + License Administrator) and a Helpdesk agent in "Helpdesk", active with one customer. */
async function partnerWorld(db: Db) {
  const t = tag();
  const partner = await createTenant(db, { kind: 'partner', name: `Partner ${t}`, domain: `partner-${t}.example` });
  const customer = await createTenant(db, { name: `Customer ${t}`, domain: `customer-${t}.example` });
  const adminAgent = await agent(db, partner, `Ada Admin ${t}`, 'adminAgent');
  const helpdeskAgent = await agent(db, partner, `Hugo Helpdesk ${t}`, 'helpdeskAgent');
  const customerGa = await createUser(db, customer, { displayName: `Carla Customer ${t}`, password: PASSWORD, roles: ['globalAdministrator'] });
  const group = (name: string) => db.securityGroup.create({ data: { tenantId: partner.id, name, nameKey: name.toLowerCase() }, select: { id: true } });
  const admins = await group('Admins');
  const helpdesk = await group('Helpdesk');
  await db.groupUserMember.createMany({
    data: [
      { tenantId: partner.id, groupId: admins.id, userId: adminAgent.id },
      { tenantId: partner.id, groupId: helpdesk.id, userId: helpdeskAgent.id },
    ],
  });
  const now = Date.now();
  const relationship = await db.partnerRelationship.create({
    data: {
      partnerTenantId: partner.id,
      customerTenantId: customer.id,
      roles: ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator'],
      durationDays: 365,
      status: 'active',
      requestedAt: new Date(now - DAY),
      decidedAt: new Date(now),
      startsAt: new Date(now),
      endsAt: new Date(now + 365 * DAY),
    },
    select: { id: true },
  });
  await db.accessAssignment.createMany({
    data: [
      { relationshipId: relationship.id, partnerTenantId: partner.id, groupId: admins.id, roles: ['userAdministrator', 'licenseAdministrator'] },
      { relationshipId: relationship.id, partnerTenantId: partner.id, groupId: helpdesk.id, roles: ['helpdeskAdministrator'] },
    ],
  });
  return { partner, customer, adminAgent, helpdeskAgent, customerGa, admins, relationship };
}

const expectNotFound = async (page: Page) => expect(page.getByText('This page could not be found.')).toBeVisible();

test('an agent opens a customer from Customers, creates a user there and sees the password once; the customer’s audit log shows it on behalf of the partner', async ({ page, db }) => {
  const w = await partnerWorld(db);
  await signIn(page, w.adminAgent.signInName, PASSWORD);
  await expect(page).toHaveURL(/\/partner\/customers$/);
  await page.getByRole('navigation', { name: 'Partner' }).getByRole('link', { name: 'Customers' }).click();
  const row = page.getByRole('row', { name: new RegExp(w.customer.name) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('User Administrator, License Administrator');
  await row.getByRole('link', { name: w.customer.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${w.customer.id}$`));
  await expect(page.getByText(`Acting in ${w.customer.name} on behalf of ${w.partner.name} — your roles: User Administrator, License Administrator`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'New user' }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`nina.new@${w.customer.primaryDomain}`);
  await page.getByLabel('Display name').fill('Nina New');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const password = await page.getByLabel('Temporary password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(16);

  await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Audit log' }).click();
  const event = page.getByRole('row', { name: /user\.create/ }).filter({ hasText: 'Nina New' });
  await expect(event).toContainText(w.adminAgent.displayName);
  await expect(event).toContainText(`on behalf of ${w.partner.name}`);
  // The partner's own log has it too, with both tenants and the relationship.
  const partnerCopy = await db.auditEvent.findFirst({ where: { tenantId: w.partner.id, action: 'user.create', targetName: 'Nina New' }, select: { actorUserId: true, relationshipId: true, onBehalfOfTenantId: true } });
  expect(partnerCopy).toEqual({ actorUserId: w.adminAgent.id, relationshipId: w.relationship.id, onBehalfOfTenantId: w.partner.id });

  // …and the partner's Global Administrator reads there which customer it was in.
  const partnerAdmin = await agent(db, w.partner, `Pia Partner ${randomBytes(3).toString('hex')}`, null, ['globalAdministrator']);
  await signOut(page);
  await signIn(page, partnerAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${w.partner.id}/audit`);
  const copy = page.getByRole('row', { name: /user\.create/ }).filter({ hasText: 'Nina New' });
  await expect(copy).toContainText(`in ${w.customer.name}, on behalf of ${w.partner.name}`);
});

test('the demo data: agent@northwind.example creates a user in Contoso; helpdesk-agent@northwind.example resets one there but cannot delete', async ({ page, db }) => {
  const t = tag();
  await signIn(page, 'agent@northwind.example', DEMO_PASSWORD);
  await page.getByRole('navigation', { name: 'Partner' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('row', { name: /Contoso/ }).getByRole('link', { name: 'Contoso', exact: true }).click();
  await expect(page.getByText(/Acting in Contoso on behalf of Northwind Partners — your roles: /)).toBeVisible();
  await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'New user' }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`nora.${t}@contoso.example`);
  await page.getByLabel('Display name').fill(`Nora Northwind ${t}`);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  expect((await page.getByLabel('Temporary password').inputValue()).length).toBeGreaterThanOrEqual(16);
  await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row', { name: /user\.create/ }).filter({ hasText: `Nora Northwind ${t}` })).toContainText('on behalf of Northwind Partners');
  await signOut(page);

  const contoso = await db.tenant.findUniqueOrThrow({ where: { primaryDomain: 'contoso.example' }, select: { id: true, primaryDomain: true } });
  const rita = await createUser(db, contoso, { displayName: `Rita Contoso ${t}`, password: PASSWORD });
  await signIn(page, 'helpdesk-agent@northwind.example', DEMO_PASSWORD);
  await page.goto(`/tenants/${contoso.id}/users/${rita.id}`);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('alertdialog', { name: `Reset password for ${rita.displayName}?` }).getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByLabel('Temporary password')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
});

test('a customer without an active relationship is not found, by link or by id', async ({ page, db }) => {
  const w = await partnerWorld(db);
  const stranger = await createTenant(db, { name: `Stranger ${tag()}` });
  const pendingCustomer = await createTenant(db, { name: `Pending ${tag()}` });
  await db.partnerRelationship.create({
    data: { partnerTenantId: w.partner.id, customerTenantId: pendingCustomer.id, roles: ['userAdministrator'], durationDays: 30, status: 'pending', requestedAt: new Date() },
  });
  await signIn(page, w.adminAgent.signInName, PASSWORD);
  await page.goto(`/tenants/${stranger.id}`);
  await expectNotFound(page);
  await page.goto(`/tenants/${pendingCustomer.id}/users`);
  await expectNotFound(page);
  // A pending customer is listed, without a way in.
  await page.goto('/partner/customers');
  const pendingRow = page.getByRole('row', { name: new RegExp(pendingCustomer.name) });
  await expect(pendingRow).toContainText('Pending approval');
  await expect(pendingRow.getByRole('link')).toHaveCount(0);
  await signOut(page);

  // The demo partner's agent: Contoso is reachable, Fabrikam (pending) is not.
  await signIn(page, 'agent@northwind.example', DEMO_PASSWORD);
  await page.goto('/partner/customers');
  await expect(page.getByRole('row', { name: /Contoso/ })).toContainText('Active');
  const fabrikam = page.getByRole('row', { name: /Fabrikam/ });
  await expect(fabrikam).toContainText('Pending approval');
  const fabrikamId = (await db.tenant.findUniqueOrThrow({ where: { primaryDomain: 'fabrikam.example' }, select: { id: true } })).id;
  await page.goto(`/tenants/${fabrikamId}`);
  await expectNotFound(page);
});

test('a Sales agent sees the customer list only: no Relationships, and its page is refused', async ({ page, db }) => {
  const w = await partnerWorld(db);
  const sales = await agent(db, w.partner, `Sal Sales ${randomBytes(3).toString('hex')}`, 'salesAgent');
  await signIn(page, sales.signInName, PASSWORD);
  await expect(page).toHaveURL(/\/partner\/customers$/);
  await expect(page.getByRole('row', { name: new RegExp(w.customer.name) })).toContainText('Active');
  const partnerNav = page.getByRole('navigation', { name: 'Partner' });
  await expect(partnerNav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(partnerNav.getByRole('link', { name: 'Relationships' })).toHaveCount(0);
  await page.goto('/partner/relationships');
  await expect(page.getByText('Sales agents see the customer list only.')).toBeVisible();
  await page.goto(`/partner/relationships/${w.relationship.id}`);
  await expect(page.getByText('Sales agents see the customer list only.')).toBeVisible();
});

test('a Helpdesk agent resets a customer user’s password, but has no usable Delete', async ({ page, db }) => {
  const w = await partnerWorld(db);
  const user = await createUser(db, w.customer, { displayName: 'Rita Reset', password: PASSWORD });
  await signIn(page, w.helpdeskAgent.signInName, PASSWORD);
  await page.goto(`/tenants/${w.customer.id}/users/${user.id}`);
  await expect(page.getByText(`your roles: Helpdesk Administrator`)).toBeVisible();
  await page.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('alertdialog', { name: 'Reset password for Rita Reset?' }).getByRole('button', { name: 'Reset password' }).click();
  expect((await page.getByLabel('Temporary password').inputValue()).length).toBeGreaterThanOrEqual(16);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
  const reset = await db.auditEvent.findMany({ where: { action: 'user.resetPassword', targetId: user.id }, select: { tenantId: true, onBehalfOfName: true } });
  expect(reset.map((e) => e.tenantId).sort()).toEqual([w.customer.id, w.partner.id].sort());
});

test('request → the customer’s Global Administrator approves → the agent gains access', async ({ page, db }) => {
  const w = await partnerWorld(db);
  const t = tag();
  const newCustomer = await createTenant(db, { name: `Newco ${t}`, domain: `newco-${t}.example` });
  const newGa = await createUser(db, newCustomer, { displayName: `Nora Newco ${t}`, password: PASSWORD, roles: ['globalAdministrator'] });

  await signIn(page, w.adminAgent.signInName, PASSWORD);
  await page.getByRole('link', { name: 'Relationships' }).click();
  await page.getByRole('link', { name: 'Request relationship' }).first().click();
  await page.getByLabel('Customer primary domain').fill(newCustomer.primaryDomain);
  await page.getByRole('checkbox', { name: 'User Administrator' }).check();
  await page.getByRole('checkbox', { name: 'Helpdesk Administrator' }).check();
  await page.getByLabel('Duration in days').fill('731');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText('At most 730 days.')).toBeVisible();
  await page.getByLabel('Duration in days').fill('90');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText(`Request sent to ${newCustomer.name}.`)).toBeVisible();
  await page.goto(`/tenants/${newCustomer.id}`);
  await expectNotFound(page);
  await page.goto('/');
  await signOut(page);

  await signIn(page, newGa.signInName, PASSWORD);
  await expect(page.getByText('1 partner request waiting for your approval')).toBeVisible();
  await expect(page.getByText(`${w.partner.name} asks for User Administrator, Helpdesk Administrator for 90 days.`)).toBeVisible();
  await page.getByRole('link', { name: /^Partners/ }).click();
  await expect(page.getByRole('region', { name: `${w.partner.name} asks for access` })).toContainText('User Administrator');
  await page.getByRole('button', { name: `Approve the request from ${w.partner.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Approve the request from ${w.partner.name}?` });
  await expect(dialog).toContainText('for 90 days');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('table', { name: 'Active relationships' }).getByRole('row', { name: new RegExp(w.partner.name) })).toBeVisible();
  await signOut(page);

  await signIn(page, w.adminAgent.signInName, PASSWORD);
  await page.getByRole('link', { name: 'Relationships' }).click();
  await page.getByRole('link', { name: `Manage access to ${newCustomer.name}` }).click();
  await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Admins (1 direct member)' });
  await page.getByRole('checkbox', { name: 'User Administrator' }).check();
  await page.getByRole('button', { name: 'Save access' }).click();
  await expect(page.getByText('Access for Admins saved.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Partner' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('row', { name: new RegExp(newCustomer.name) }).getByRole('link', { name: newCustomer.name, exact: true }).click();
  await expect(page.getByText(`Acting in ${newCustomer.name} on behalf of ${w.partner.name} — your roles: User Administrator`)).toBeVisible();
  await expect(page.getByRole('heading', { name: newCustomer.name })).toBeVisible();
});

test('a partner’s Global Administrator adds a staff member, who must change the password at the first sign-in', async ({ page, db }) => {
  const t = tag();
  const partner = await createTenant(db, { kind: 'partner', name: `Staffing ${t}`, domain: `staffing-${t}.example` });
  const ga = await agent(db, partner, `Gail Global ${t}`, null, ['globalAdministrator']);
  const email = `sam.staff@${partner.primaryDomain}`;

  await signIn(page, ga.signInName, PASSWORD);
  await page.getByRole('navigation', { name: 'Partner' }).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'New staff member' }).click();
  await page.getByLabel('Full name').fill('Sam Staff');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('radio', { name: 'Helpdesk agent' }).check();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const temporary = await page.getByLabel('Temporary password').inputValue();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('row', { name: /Sam Staff/ })).toContainText('Helpdesk agent');

  // The same email again: an error with variations.
  await page.goto('/partner/staff/new');
  await page.getByLabel('Full name').fill('Sam Staff');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('radio', { name: 'Sales agent' }).check();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText(`${email} is already taken. Try a variation.`)).toBeVisible();
  await expect(page.getByRole('button', { name: `sstaff@${partner.primaryDomain}` })).toBeVisible();

  await page.goto('/partner/staff?q=sam');
  await expect(page.getByRole('row', { name: /Sam Staff/ })).toContainText('Must change password');
  await signOut(page);

  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/change-password$/);
  const chosen = 'Staff-Own-Passphrase-77';
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('Confirm new password').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/partner\/customers/);
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
});

test('an Admin agent adds a customer: its first Global Administrator’s details are shown once and downloadable, and that admin must change the password', async ({ page, db }) => {
  const { adminAgent } = await partnerWorld(db);
  const t = tag();
  await signIn(page, adminAgent.signInName, PASSWORD);
  await page.goto('/partner/customers/new');
  await page.getByLabel('Company name').fill(`Tailspin ${t}`);
  await page.getByLabel('Primary domain').fill(`tailspin-${t}.example`);
  await page.getByLabel('Administrator name').fill('Tess Tailspin');
  await page.getByLabel('Administrator username').fill('tess');
  await page.getByRole('checkbox', { name: 'User Administrator' }).check();
  await page.getByLabel('Duration in days').fill('180');
  await page.getByRole('button', { name: 'Add customer' }).click();

  await expect(page.getByRole('heading', { name: `Tailspin ${t} is added` })).toBeVisible();
  const temporary = await page.getByLabel('Temporary password').inputValue();
  expect(temporary.length).toBeGreaterThanOrEqual(16);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download sign-in details' }).click();
  expect((await download).suggestedFilename()).toBe(`tailspin-${t}.example-admin.csv`);
  await signOut(page);

  await signIn(page, `tess@tailspin-${t}.example`, temporary);
  await expect(page).toHaveURL(/\/change-password$/);
  const relationship = await db.partnerRelationship.findFirstOrThrow({ where: { customer: { primaryDomain: `tailspin-${t}.example` } }, select: { status: true, roles: true } });
  expect(relationship).toEqual({ status: 'pending', roles: ['userAdministrator'] });
});

test('a partner’s Global Administrator changes a staff member’s partner role', async ({ page, db }) => {
  const t = tag();
  const partner = await createTenant(db, { kind: 'partner', name: `Roles ${t}`, domain: `roles-${t}.example` });
  const ga = await agent(db, partner, `Gus Global ${t}`, null, ['globalAdministrator']);
  const hal = await agent(db, partner, `Hal Helpdesk ${t}`, 'helpdeskAgent');
  await signIn(page, ga.signInName, PASSWORD);
  await page.goto('/partner/staff');
  const row = page.getByRole('row', { name: new RegExp(`Hal Helpdesk ${t}`) });
  await expect(row).toContainText('Helpdesk agent');
  await row.getByRole('button', { name: `Change the partner role of Hal Helpdesk ${t}` }).click();
  const dialog = page.getByRole('dialog', { name: `Partner role of Hal Helpdesk ${t}` });
  await dialog.getByLabel('Partner role').selectOption('adminAgent');
  await dialog.getByRole('button', { name: 'Save role' }).click();
  // The open dialog sits inside the row and lists every role, so wait for it to close before reading the row.
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('cell').nth(1)).toHaveText('Admin agent');
  expect((await db.user.findUniqueOrThrow({ where: { id: hal.id }, select: { partnerRole: true } })).partnerRole).toBe('adminAgent');
});
