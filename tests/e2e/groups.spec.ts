// Security groups in the browser: a group owner without any admin role manages the
// members of their group; a Global Administrator creates a group and nests another.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { createUser } from '../support/factories';
import { expect, PASSWORD, signIn, test } from './fixtures';

const suffix = () => randomBytes(3).toString('hex');

async function insertGroup(db: Db, tenantId: string, name: string, ownerIds: string[] = []) {
  const group = await db.securityGroup.create({ data: { tenantId, name, nameKey: name.toLowerCase() }, select: { id: true, name: true } });
  await db.groupOwner.createMany({ data: ownerIds.map((userId) => ({ tenantId, groupId: group.id, userId })) });
  return group;
}

test('a group owner without admin roles adds a member to their group', async ({ page, db, tenant }) => {
  const s = suffix();
  const owner = await createUser(db, tenant, { displayName: `Olga Owner ${s}`, password: PASSWORD });
  const member = await createUser(db, tenant, { displayName: `Mona Member ${s}`, password: PASSWORD });
  const group = await insertGroup(db, tenant.id, `Project ${s}`, [owner.id]);
  const notMine = await insertGroup(db, tenant.id, `Someone else ${s}`);

  await signIn(page, owner.signInName, PASSWORD);
  // The owner's home tenant is one they may enter: the tenant list offers it.
  await page.goto('/tenants');
  await page.getByRole('main').getByRole('link', { name: new RegExp(tenant.name) }).click();
  // …and entering it leads to the groups, the part of it that is theirs.
  await expect(page).toHaveURL(new RegExp(`/tenants/${tenant.id}/groups$`));
  await expect(page.getByRole('link', { name: group.name })).toBeVisible();
  await page.goto(`/tenants/${tenant.id}/groups/${group.id}`);
  await expect(page.getByRole('heading', { level: 1, name: group.name })).toBeVisible();
  await expect(page.getByText('members through nested groups do not count for environment access').first()).toBeVisible();
  // An owner manages members only.
  await expect(page.getByRole('button', { name: 'Add owners' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete group' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Add members' }).click();
  const dialog = page.getByRole('dialog', { name: `Add members to ${group.name}` });
  await dialog.getByLabel('Search users and groups').fill(`Mona Member ${s}`);
  await dialog.getByRole('checkbox', { name: `${member.displayName} (${member.signInName})` }).check();
  await dialog.getByRole('button', { name: 'Add selected members' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Added to members of ${group.name}: ${member.displayName}.`)).toBeVisible();
  const members = page.getByRole('table', { name: `User members of ${group.name}` });
  await expect(members.getByRole('row', { name: new RegExp(member.displayName) })).toContainText('Direct');
  expect(await db.groupUserMember.count({ where: { groupId: group.id, userId: member.id } })).toBe(1);

  // The list shows the owner only the groups they own; another group's page is not theirs.
  await page.goto(`/tenants/${tenant.id}/groups`);
  await expect(page.getByRole('link', { name: group.name })).toBeVisible();
  await expect(page.getByRole('link', { name: notMine.name })).toHaveCount(0);
  await page.goto(`/tenants/${tenant.id}/groups/${notMine.id}`);
  await expect(page.getByRole('alert').filter({ hasText: 'You do not have access to this page' })).toBeVisible();
});

test('a Global Administrator creates a group with "New group" and nests another group in it', async ({ page, db, tenant, globalAdmin }) => {
  const s = suffix();
  const inner = await insertGroup(db, tenant.id, `Sales EMEA ${s}`);
  const outerName = `Sales ${s}`;

  await signIn(page, globalAdmin.signInName, PASSWORD);
  await page.goto(`/tenants/${tenant.id}/groups`);
  await page.getByRole('button', { name: 'New group' }).click();
  const create = page.getByRole('dialog', { name: 'New group' });
  // A taken name is refused beside the field.
  await create.getByLabel('Name').fill(inner.name.toUpperCase());
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create.getByText(/is already taken by another group/)).toBeVisible();
  await create.getByLabel('Name').fill(outerName);
  await create.getByLabel('Description').fill('Everyone selling');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: outerName })).toBeVisible();
  await expect(page.getByText('Group created. Add its owners and members below.')).toBeVisible();

  await page.getByRole('button', { name: 'Add members' }).click();
  const dialog = page.getByRole('dialog', { name: `Add members to ${outerName}` });
  await dialog.getByLabel('Search users and groups').fill(inner.name);
  await dialog.getByRole('checkbox', { name: `Group ${inner.name}` }).check();
  await dialog.getByRole('button', { name: 'Add selected members' }).click();
  await expect(dialog).toBeHidden();
  const nested = page.getByRole('table', { name: `Groups nested in ${outerName}` });
  await expect(nested.getByRole('row', { name: new RegExp(inner.name) })).toBeVisible();
  await expect(page.getByText(`Their members belong to ${outerName} too, but members through nested groups do not count for environment access.`)).toBeVisible();

  // The inner group's page: it is a member of the outer one, which it cannot contain in turn.
  await nested.getByRole('link', { name: inner.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: inner.name })).toBeVisible();
  await expect(page.getByText(`${inner.name} is nested in ${outerName}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Add members' }).click();
  const innerDialog = page.getByRole('dialog', { name: `Add members to ${inner.name}` });
  await innerDialog.getByLabel('Search users and groups').fill(outerName);
  const outer = innerDialog.getByRole('checkbox', { name: `Group ${outerName}`, exact: true });
  await expect(outer).toBeDisabled();
  await expect(innerDialog.getByText('contains this group: a group cannot contain itself')).toBeVisible();
});
