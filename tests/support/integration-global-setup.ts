// Integration tests run against a real PostgreSQL: the embedded server (or
// DATABASE_URL's server). A template database is migrated once per run; each test
// file clones it (CREATE DATABASE … TEMPLATE, fast) and drops its clone after.
// Nothing touches the demo database.
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabaseExists, resolveDatabase } from '@/server/db/database-url';
import { migrate } from '@/server/db/migrations';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const templateDatabase = `portal_test_tmpl_${runId}`;
  const target = await resolveDatabase({ database: templateDatabase });
  const serverUrl = new URL(target.url);
  serverUrl.pathname = '/postgres';
  await ensureDatabaseExists(serverUrl.toString(), templateDatabase);
  await migrate(target.url);
  project.provide('serverUrl', serverUrl.toString());
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', runId);

  return async () => {
    // Drop whatever this run created, even the clones of files that crashed.
    const client = new pg.Client({ connectionString: serverUrl.toString() });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`portal_test_%${runId}%`]);
    await client.end();
    for (const { datname } of rows) await dropDatabase(serverUrl.toString(), datname);
    await target.stop();
  };
}
