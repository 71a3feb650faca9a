import { alertWith } from './alerts';
import { setSignInBlocked } from '@/domain/users/set-sign-in-blocked';
import { systemClock } from '@/server/clock';
import { prismaTransaction } from '@/server/db/transaction';
import { createUser } from '../support/factories';
import { attemptSignIn, expect, PASSWORD, signIn, test } from './fixtures';

test('a blocked user cannot sign in', async ({ page, db, tenant }) => {
  const user = await createUser(db, tenant, { displayName: 'Bob Blocked', password: PASSWORD, accountEnabled: false });
  await attemptSignIn(page, user.signInName, PASSWORD);
  await expect(alertWith(page, 'Sign-in name or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('an open session ends on its next request once the account is blocked', async ({ page, db, tenant, globalAdmin }) => {
  const user = await createUser(db, tenant, { displayName: 'Sam Session', password: PASSWORD, roles: ['globalReader'] });
  await signIn(page, user.signInName, PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: tenant.name })).toBeVisible();

  const result = await setSignInBlocked(
    { clock: systemClock, transaction: prismaTransaction(db) },
    { actor: { userId: globalAdmin.id, displayName: globalAdmin.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] }, tenantId: tenant.id, userId: user.id, blocked: true },
  );
  expect(result.ok).toBe(true);

  await page.reload();
  await expect(page).toHaveURL(/\/login\?ended=BLOCKED/);
  await page.goto(`/tenants/${tenant.id}/audit`);
  await expect(page).toHaveURL(/\/login/);
});
