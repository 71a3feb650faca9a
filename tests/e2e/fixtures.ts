// Playwright fixtures: a database client, a tenant of the worker's own (so specs
// never collide with each other or with the demo data), and sign-in helpers.
import { test as base, expect, type Page } from '@playwright/test';
import { createPrismaClient, type Db } from '@/server/db/client';
import { createTenant, createUser } from '../support/factories';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo-Passw0rd!2026';
export const PASSWORD = 'Correct-Horse-Battery-9';

type WorkerFixtures = {
  db: Db;
  tenant: { id: string; name: string; primaryDomain: string };
  globalAdmin: { id: string; signInName: string; displayName: string };
};

export const test = base.extend<object, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('Run the browser tests with "npm run test:e2e" (it provides DATABASE_URL).');
      const db = createPrismaClient(url, 3);
      await use(db);
      await db.$disconnect();
    },
    { scope: 'worker' },
  ],
  tenant: [
    async ({ db }, use, workerInfo) => {
      const tenant = await createTenant(db, { name: `Worker ${workerInfo.workerIndex} Ltd`, domain: `w${workerInfo.workerIndex}-${Date.now().toString(36)}.example` });
      await use(tenant);
    },
    { scope: 'worker' },
  ],
  globalAdmin: [
    async ({ db, tenant }, use) => {
      const admin = await createUser(db, tenant, { localPart: 'admin', displayName: 'Worker Admin', roles: ['globalAdministrator'], password: PASSWORD });
      await use(admin);
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** Fills and submits the sign-in form; use for attempts that may be refused. */
export async function attemptSignIn(page: Page, signInName: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Sign-in name').fill(signInName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits until the portal has let the user in. */
export async function signIn(page: Page, signInName: string, password: string) {
  await attemptSignIn(page, signInName, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}
