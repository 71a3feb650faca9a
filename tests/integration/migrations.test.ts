import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS, DIRECTORY_ROLES } from '@/domain/shared/permissions';
import { layout, migrate, pendingSchemaChange } from '@/server/db/migrations';
import { isEmptyMigration, listMigrations } from '@/server/db/schema-engine';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let empty: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    empty = await createEmptyDatabase();
  });
  afterAll(async () => {
    await empty.drop();
  });

  it('apply in order on an empty database and record every one, as prisma migrate deploy does', async () => {
    const applied = await migrate(empty.url);
    const folders = listMigrations(layout.migrationsDir);
    expect(folders.length).toBeGreaterThan(0);
    expect(applied).toEqual(folders);
    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name');
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(empty.url)).toEqual([]);
  });

  it('leave no schema change without a migration', async () => {
    const sql = await pendingSchemaChange(empty.url);
    expect(isEmptyMigration(sql), `schema.prisma has changes not in a migration; run npm run db:diff -- <name>:\n${sql}`).toBe(true);
  });

  it('keep a schema snapshot beside every migration (what the next diff starts from)', () => {
    for (const name of listMigrations(layout.migrationsDir)) {
      expect(fs.existsSync(path.join(layout.migrationsDir, name, 'schema.prisma')), name).toBe(true);
    }
  });
});

describe('the migrated schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('holds the directory roles of the domain, with the same tiers', async () => {
    const rows = await t.prisma.directoryRole.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.id).sort()).toEqual([...ROLE_IDS].sort());
    for (const row of rows) {
      const role = DIRECTORY_ROLES[row.id as keyof typeof DIRECTORY_ROLES];
      expect(row.tier).toBe(role.tier);
      expect(row.name).toBe(role.name);
    }
  });

  it('round-trips every model through the generated client', async () => {
    const p = t.prisma;
    const tenant = await p.tenant.create({ data: { name: 'Round Trip', kind: 'partner', primaryDomain: 'roundtrip.example' } });
    expect(await p.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ name: 'Round Trip', kind: 'partner' });

    await p.tenantDomain.create({ data: { tenantId: tenant.id, name: 'roundtrip.example' } });
    expect(await p.tenantDomain.count({ where: { tenantId: tenant.id } })).toBe(1);

    const user = await p.user.create({
      data: {
        tenantId: tenant.id,
        signInName: 'Mary@RoundTrip.example',
        signInNameKey: 'mary@roundtrip.example',
        displayName: 'Mary Parker',
        firstName: 'Mary',
        usageLocation: 'SE',
        kind: 'nonInteractive',
        recentFailedPasswords: ['a', 'b'],
      },
    });
    const read = await p.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(read).toMatchObject({ displayName: 'Mary Parker', usageLocation: 'SE', kind: 'nonInteractive', recentFailedPasswords: ['a', 'b'], rowVersion: 1, sessionVersion: 1 });

    await p.roleAssignment.create({ data: { tenantId: tenant.id, userId: user.id, roleId: 'globalReader' } });
    expect(await p.roleAssignment.findMany({ where: { tenantId: tenant.id } })).toHaveLength(1);

    const session = await p.userSession.create({ data: { tenantId: tenant.id, userId: user.id, sessionVersion: 1 } });
    expect((await p.userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();

    const event = await p.auditEvent.create({ data: { tenantId: tenant.id, action: 'test.roundTrip', before: { a: 1 }, after: { a: 2 } } });
    expect(await p.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ before: { a: 1 }, after: { a: 2 } });
  });

  it('refuses a second live user with the same sign-in name in any letter case, and allows it once the first is deleted', async () => {
    const p = t.prisma;
    const tenant = await p.tenant.create({ data: { name: 'Unique', kind: 'customer', primaryDomain: 'unique.example' } });
    const base = { tenantId: tenant.id, displayName: 'A' };
    const first = await p.user.create({ data: { ...base, signInName: 'a@unique.example', signInNameKey: 'a@unique.example' } });
    await expect(p.user.create({ data: { ...base, signInName: 'A@Unique.example', signInNameKey: 'a@unique.example' } })).rejects.toThrow();
    await p.user.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    await expect(p.user.create({ data: { ...base, signInName: 'A@Unique.example', signInNameKey: 'a@unique.example' } })).resolves.toBeTruthy();
  });

  it('refuses a role assignment that links a user of another tenant', async () => {
    const p = t.prisma;
    const a = await p.tenant.create({ data: { name: 'A', kind: 'customer', primaryDomain: 'link-a.example' } });
    const b = await p.tenant.create({ data: { name: 'B', kind: 'customer', primaryDomain: 'link-b.example' } });
    const userOfB = await p.user.create({ data: { tenantId: b.id, signInName: 'x@link-b.example', signInNameKey: 'x@link-b.example', displayName: 'X' } });
    await expect(p.roleAssignment.create({ data: { tenantId: a.id, userId: userOfB.id, roleId: 'globalReader' } })).rejects.toThrow();
  });
});
