import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrismaClient, type Db } from '@/server/db/client';
import { dropDatabase } from '@/server/db/database-url';

export type TestDatabase = { url: string; name: string; prisma: Db; drop(): Promise<void> };

/** A fresh, migrated database for one test file: a clone of the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  const name = `portal_test_${randomBytes(4).toString('hex')}_${inject('runId')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(inject('templateDatabase'))}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const prisma = createPrismaClient(url.toString(), 25);
  return {
    url: url.toString(),
    name,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** An empty database (no migrations), for the migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const name = `portal_test_empty_${randomBytes(4).toString('hex')}_${inject('runId')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}
