// The project's migration layout: prisma/migrations/<timestamp>_<name>/migration.sql,
// plus a copy of schema.prisma as it stood for that migration, which is what the
// next migration is diffed from.
import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations, diffSchemas, listMigrations } from './schema-engine';
import { repoRoot } from './database-url';

export const layout = {
  migrationsDir: path.join(repoRoot, 'prisma', 'migrations'),
  schemaPath: path.join(repoRoot, 'prisma', 'schema.prisma'),
};

export function lastMigrationSchema(): string | null {
  const names = listMigrations(layout.migrationsDir);
  const last = names.at(-1);
  if (!last) return null;
  const snapshot = path.join(layout.migrationsDir, last, 'schema.prisma');
  if (!fs.existsSync(snapshot)) throw new Error(`Migration ${last} has no schema.prisma snapshot to diff from.`);
  return fs.readFileSync(snapshot, 'utf8');
}

/** SQL for the schema changes not yet in a migration ('' when there are none). */
export async function pendingSchemaChange(url: string): Promise<string> {
  return diffSchemas(url, lastMigrationSchema(), fs.readFileSync(layout.schemaPath, 'utf8'));
}

export async function migrate(url: string): Promise<string[]> {
  return applyMigrations(url, layout);
}
