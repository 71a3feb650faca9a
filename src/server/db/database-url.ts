// Which PostgreSQL the portal talks to: DATABASE_URL when set, otherwise the
// embedded server (started here, stopped by the caller).
import path from 'node:path';
import pg from 'pg';
import { env } from '../config/env';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export type DatabaseTarget = { url: string; server: EmbeddedServer | null; stop(): Promise<void> };

export async function ensureDatabaseExists(serverUrl: string, database: string) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string) {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

/** The URL for `database` on the configured server (DATABASE_URL's server, or the embedded one). */
export async function resolveDatabase(options: { database?: string; log?: (line: string) => void } = {}): Promise<DatabaseTarget> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (!options.database) return { url: configured, server: null, stop: async () => undefined };
    const url = new URL(configured);
    url.pathname = `/${options.database}`;
    return { url: url.toString(), server: null, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    repoRoot,
    port: env().EMBEDDED_PG_PORT,
    log: options.log,
  });
  const database = options.database ?? 'portal';
  await ensureDatabaseExists(server.urlFor('postgres'), database);
  return { url: server.urlFor(database), server, stop: () => server.stop() };
}
