// Bulk add, delete and restore against PostgreSQL, through the preview, the commit and
// the real runner: a job killed halfway resumes and creates everyone exactly once; a
// file with duplicates; seats taken by another admin during the job; refusals in bulk
// delete and restore; the one-time passwords.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import type { BulkJobKind } from '@/domain/imports/bulk-job';
import { DAY, HOUR, manualClock } from '@/domain/shared/clock';
import { assignLicences } from '@/domain/licences/assign-licences';
import type { Actor, RoleId } from '@/domain/shared/permissions';
import { prismaTransaction } from '@/server/db/transaction';
import { cancelBulkJob, commitBulkJob, takeOneTimePasswords } from '@/server/imports/bulk-job-commands';
import { bulkJobMaintenance, wipeExpiredPasswords } from '@/server/imports/bulk-job-queue';
import { runBulkJob, type RunnerDeps } from '@/server/imports/bulk-job-runner';
import { createBulkPreview, type PreviewSource } from '@/server/imports/create-preview';
import { passwordSealer } from '@/server/imports/password-sealer';
import { getBulkJob, getBulkJobProgress, listBulkJobRows } from '@/server/queries/bulk-jobs';
import { parseUserListFilter } from '@/server/queries/users-list';
import { createTenant, createUser as insertUser, TEST_BCRYPT_COST } from '../support/factories';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const hasher: PasswordHasher = {
  hash: (p) => bcrypt.hash(p, TEST_BCRYPT_COST),
  verify: (p, h) => bcrypt.compare(p, h),
  verifyDummy: async () => undefined,
};
const HEADER = 'User Name,Display Name,Usage Location,Licenses,Groups,Job Title';
const file = (lines: string[]): PreviewSource => ({ type: 'file', fileName: 'users.csv', bytes: new TextEncoder().encode([HEADER, ...lines].join('\r\n')) });
const namesFile = (names: string[]): PreviewSource => ({ type: 'file', fileName: 'names.csv', bytes: new TextEncoder().encode(['User Name', ...names].join('\n')) });

describe('bulk jobs (real PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = manualClock('2026-06-01T09:00:00Z');
  const sealer = passwordSealer(randomBytes(32).toString('base64url'));
  let deps: RunnerDeps;

  beforeAll(async () => {
    t = await createTestDatabase();
    deps = { db: t.prisma, clock, hasher, random: (n) => randomBytes(n), sealer, log: () => undefined };
  });
  afterAll(async () => {
    await t.drop();
  });

  async function tenantWithAdmin(roles: RoleId[] = ['globalAdministrator']) {
    const tenant = await createTenant(t.prisma);
    const admin = await insertUser(t.prisma, tenant, { localPart: 'admin', displayName: 'Ada Admin', roles });
    const actor: Actor = { userId: admin.id, displayName: admin.displayName, tenantId: tenant.id, roles };
    return { tenant, admin, actor };
  }

  async function subscription(tenantId: string, productName: string, seats: number) {
    return t.prisma.subscription.create({ data: { tenantId, productName, seats }, select: { id: true } });
  }

  async function preview(actor: Actor, kind: BulkJobKind, source: PreviewSource, existingMode: 'skip' | 'update' = 'skip') {
    const result = await createBulkPreview(t.prisma, clock, { actor, tenantId: actor.tenantId, kind, source, existingMode });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.jobId;
  }

  async function commit(actor: Actor, jobId: string) {
    const result = await commitBulkJob(t.prisma, clock, { actor, tenantId: actor.tenantId, jobId });
    expect(result.ok).toBe(true);
  }

  it('resumes a job killed halfway and creates every user exactly once, with their licence, group and password', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    await subscription(tenant.id, 'Microsoft 365 E3', 100);
    await t.prisma.securityGroup.create({ data: { tenantId: tenant.id, name: 'Sales Team', nameKey: 'sales team' } });
    const names = Array.from({ length: 30 }, (_, i) => `person${i}@${tenant.primaryDomain}`);
    const jobId = await preview(actor, 'add', file(names.map((n, i) => `${n},Person ${i},FR,Microsoft 365 E3,Sales Team,Clerk`)));
    await commit(actor, jobId);

    // The "kill": the runner stops after 10 rows, as a crash would, leaving the rest pending.
    await expect(runBulkJob(jobId, deps, { concurrency: 3, afterRow: (n) => { if (n >= 10) throw new Error('killed'); } })).rejects.toThrow('killed');
    const halfway = await getBulkJob(t.prisma, tenant.id, jobId);
    expect(halfway?.status).toBe('running');
    expect(halfway?.processedRows).toBeGreaterThanOrEqual(10);
    expect(halfway?.processedRows).toBeLessThan(30);
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, signInNameKey: { in: names } } })).toBe(halfway?.processedRows);

    // While another runner holds a live lease, a second start does nothing.
    await t.prisma.bulkJob.update({ where: { id: jobId }, data: { leaseOwner: 'someone-else', leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await runBulkJob(jobId, deps)).toBe('busy');
    // That runner died: its lease runs out, and the job resumes where it stopped.
    await t.prisma.bulkJob.update({ where: { id: jobId }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    expect(await runBulkJob(jobId, deps, { concurrency: 3 })).toBe('completed');
    expect(await runBulkJob(jobId, deps)).toBe('idle');

    const job = await getBulkJob(t.prisma, tenant.id, jobId);
    expect(job).toMatchObject({ status: 'completed', processedRows: 30, counts: { created: 30, failed: 0, skipped: 0 } });
    const users = await t.prisma.user.findMany({ where: { tenantId: tenant.id, signInNameKey: { in: names } }, select: { id: true, signInNameKey: true, mustChangePassword: true, usageLocation: true } });
    expect(users.map((u) => u.signInNameKey).sort()).toEqual([...names].sort());
    expect(users.every((u) => u.mustChangePassword && u.usageLocation === 'FR')).toBe(true);
    const ids = users.map((u) => u.id);
    expect(await t.prisma.licenceAssignment.count({ where: { userId: { in: ids } } })).toBe(30);
    expect(await t.prisma.groupUserMember.count({ where: { userId: { in: ids } } })).toBe(30);
    expect(await t.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: 'user.create', targetId: { in: ids } } })).toBe(30);
    const rows = await t.prisma.bulkJobRow.findMany({ where: { jobId }, select: { outcome: true, userId: true, passwordCiphertext: true } });
    expect(rows.every((r) => r.outcome === 'created' && r.userId && r.passwordCiphertext?.startsWith('v1.'))).toBe(true);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(30);
  });

  it('refuses every line of a sign-in name that appears twice in the file, and imports the rest', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const d = tenant.primaryDomain;
    const jobId = await preview(actor, 'add', file([`ann@${d},Ann,,,,`, `bob@${d},Bob,,,,`, `ann@${d},Ann again,,,,`, `cy@${d},Cy,,,,`, `BOB@${d},Bob upper,,,,`]));
    const errors = await listBulkJobRows(t.prisma, tenant.id, jobId, 'errors');
    expect(errors.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
    expect(errors.rows[0]?.errors[0]).toMatchObject({ column: 'User Name', code: 'DUPLICATE_IN_FILE', message: `ann@${d} is also on line 4. Keep it on one line only.` });
    expect(errors.rows[1]?.errors[0]?.message).toBe(`bob@${d} is also on line 6. Keep it on one line only.`);
    expect(await getBulkJob(t.prisma, tenant.id, jobId)).toMatchObject({ totalRows: 5, validRows: 1, invalidRows: 4 });

    await commit(actor, jobId);
    expect(await runBulkJob(jobId, deps)).toBe('completed');
    expect(await t.prisma.user.findMany({ where: { tenantId: tenant.id, NOT: { id: actor.userId } }, select: { signInName: true } })).toEqual([{ signInName: `cy@${d}` }]);
  });

  it('previews errors by line and column: required fields, domain, taken name, unknown licence and group, usage location, seats', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const other = await createTenant(t.prisma);
    // Sign-in names are unique across the portal: another tenant's user may hold an address of ours.
    const taken = await insertUser(t.prisma, { id: other.id, primaryDomain: tenant.primaryDomain }, { localPart: 'taken' });
    await subscription(tenant.id, 'Power Apps Premium', 2);
    const d = tenant.primaryDomain;
    const jobId = await preview(
      actor,
      'add',
      file([
        `,No Name,,,,`,
        `nodisplay@${d},,,,,`,
        `x@elsewhere.example,Elsewhere,,,,`,
        `${taken.signInName},Taken,,,,`,
        `lic@${d},Lic,,Visio Plan 9,Nobody Group,`,
        `noloc@${d},No Location,,Power Apps Premium,,`,
        `p1@${d},P1,US,Power Apps Premium,,`,
        `p2@${d},P2,US,Power Apps Premium,,`,
        `p3@${d},P3,US,Power Apps Premium,,`,
      ]),
    );
    const { rows } = await listBulkJobRows(t.prisma, tenant.id, jobId, 'errors');
    const byLine = new Map(rows.map((r) => [r.line, r.errors.map((e) => `${e.column}: ${e.code}`)]));
    expect(byLine.get(2)).toEqual(['User Name: REQUIRED']);
    expect(byLine.get(3)).toEqual(['Display Name: REQUIRED']);
    expect(byLine.get(4)).toEqual(['User Name: DOMAIN_NOT_IN_TENANT']);
    expect(byLine.get(5)).toEqual(['User Name: SIGN_IN_NAME_TAKEN']);
    expect(byLine.get(6)).toEqual(['Licenses: UNKNOWN_LICENCE', 'Usage Location: USAGE_LOCATION_REQUIRED', 'Groups: UNKNOWN_GROUP']);
    expect(byLine.get(7)).toEqual(['Usage Location: USAGE_LOCATION_REQUIRED']);
    const job = await getBulkJob(t.prisma, tenant.id, jobId);
    expect(job?.seatChecks).toEqual([expect.objectContaining({ productName: 'Power Apps Premium', requested: 3, available: 2, shortfall: 1 })]);
    expect(job?.validRows).toBe(3);
  });

  it('fails the rows whose seats another admin took during the job, clearly, and imports the rest', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const sub = await subscription(tenant.id, 'Power Apps Premium', 10);
    const d = tenant.primaryDomain;
    const jobId = await preview(actor, 'add', file(Array.from({ length: 10 }, (_, i) => `pa${i}@${d},PA ${i},GB,Power Apps Premium,,`)));
    expect((await getBulkJob(t.prisma, tenant.id, jobId))?.seatChecks[0]).toMatchObject({ requested: 10, available: 10, shortfall: 0 });
    await commit(actor, jobId);

    const others = await Promise.all([1, 2, 3].map((i) => insertUser(t.prisma, tenant, { localPart: `other${i}` })));
    const result = await runBulkJob(jobId, deps, {
      concurrency: 1,
      afterRow: async (n) => {
        if (n !== 4) return;
        // Another admin, elsewhere, assigns three seats meanwhile.
        for (const o of others) {
          const assigned = await assignLicences({ clock, transaction: prismaTransaction(t.prisma) }, { actor, tenantId: tenant.id, userId: o.id, subscriptionIds: [sub.id] });
          expect(assigned.ok).toBe(true);
        }
      },
    });
    expect(result).toBe('completed');
    const job = await getBulkJob(t.prisma, tenant.id, jobId);
    expect(job?.counts).toMatchObject({ created: 7, failed: 3 });
    const failed = await listBulkJobRows(t.prisma, tenant.id, jobId, 'failed');
    expect(failed.rows.map((r) => r.line)).toEqual([9, 10, 11]);
    for (const row of failed.rows) expect(row.message).toBe('Licenses: No seats left in Power Apps Premium: 10 of 10 assigned, 0 available.');
    // A failed row leaves nothing behind: no user, and never more seats than there are.
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, signInNameKey: { in: ['pa7', 'pa8', 'pa9'].map((n) => `${n}@${d}`) } } })).toBe(0);
    expect(await t.prisma.licenceAssignment.count({ where: { subscriptionId: sub.id, suspendedAt: null } })).toBe(10);
  });

  it('skips or updates users that already exist, as the admin chose', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const existing = await insertUser(t.prisma, tenant, { localPart: 'kim', displayName: 'Kim' });
    const source = () => file([`${existing.signInName},Kim Lee,,,,Chemist`, `new@${tenant.primaryDomain},New,,,,`]);

    const skipJob = await preview(actor, 'add', source(), 'skip');
    await commit(actor, skipJob);
    await runBulkJob(skipJob, deps);
    expect((await getBulkJob(t.prisma, tenant.id, skipJob))?.counts).toMatchObject({ created: 1, skipped: 1, updated: 0 });
    expect(await t.prisma.user.findUnique({ where: { id: existing.id }, select: { displayName: true, jobTitle: true } })).toEqual({ displayName: 'Kim', jobTitle: null });

    const updateJob = await preview(actor, 'add', source(), 'update');
    await commit(actor, updateJob);
    await runBulkJob(updateJob, deps);
    expect((await getBulkJob(t.prisma, tenant.id, updateJob))?.counts).toMatchObject({ created: 0, skipped: 1, updated: 1 });
    expect(await t.prisma.user.findUnique({ where: { id: existing.id }, select: { displayName: true, jobTitle: true } })).toEqual({ displayName: 'Kim Lee', jobTitle: 'Chemist' });
    const rows = await listBulkJobRows(t.prisma, tenant.id, updateJob, 'all');
    expect(rows.rows[0]?.message).toBe('Updated: display name; job title.');
  });

  it('bulk delete and bulk restore follow the one-by-one rules, and say why each refused row was refused', async () => {
    const { tenant, admin, actor: ga } = await tenantWithAdmin();
    const ua = await insertUser(t.prisma, tenant, { localPart: 'ua', displayName: 'Uma Useradmin', roles: ['userAdministrator'] });
    const actor: Actor = { userId: ua.id, displayName: ua.displayName, tenantId: tenant.id, roles: ['userAdministrator'] };
    const pra = await insertUser(t.prisma, tenant, { localPart: 'pra', displayName: 'Pat Privileged', roles: ['privilegedRoleAdministrator'] });
    const people = await Promise.all(['dee', 'dan', 'dot'].map((n) => insertUser(t.prisma, tenant, { localPart: n, displayName: n.toUpperCase() })));
    const names = people.map((p) => p.signInName);

    const deleteJob = await preview(actor, 'delete', namesFile([...names, ua.signInName, admin.signInName, pra.signInName, `ghost@${tenant.primaryDomain}`, names[0] ?? '']));
    const refused = await listBulkJobRows(t.prisma, tenant.id, deleteJob, 'errors');
    expect(refused.rows.map((r) => [r.line, r.errors[0]?.code])).toEqual([
      [5, 'NOT_YOURSELF'],
      [6, 'LAST_GLOBAL_ADMIN'],
      [7, 'TIER_CEILING'],
      [8, 'NOT_FOUND'],
      [9, 'DUPLICATE_IN_FILE'],
    ]);
    expect(refused.rows[2]?.errors[0]?.message).toContain('Pat Privileged holds Privileged Role Administrator (tier 3)');
    await commit(actor, deleteJob);
    expect(await runBulkJob(deleteJob, deps)).toBe('completed');
    expect((await getBulkJob(t.prisma, tenant.id, deleteJob))?.counts).toMatchObject({ deleted: 3, failed: 0 });
    expect(await t.prisma.user.count({ where: { id: { in: people.map((p) => p.id) }, deletedAt: { not: null } } })).toBe(3);

    // Restore: the three, plus someone who is not deleted; and a GA may restore too.
    clock.advance(HOUR);
    const restoreJob = await preview(ga, 'restore', namesFile([...names, ua.signInName]));
    const restoreRefused = await listBulkJobRows(t.prisma, tenant.id, restoreJob, 'errors');
    expect(restoreRefused.rows.map((r) => [r.line, r.errors[0]?.code])).toEqual([[5, 'NOT_DELETED']]);
    await commit(ga, restoreJob);
    expect(await runBulkJob(restoreJob, deps)).toBe('completed');
    expect((await getBulkJob(t.prisma, tenant.id, restoreJob))?.counts).toMatchObject({ restored: 3, failed: 0 });
    expect(await t.prisma.user.count({ where: { id: { in: people.map((p) => p.id) }, deletedAt: null } })).toBe(3);
  });

  it('bulk block and unblock all users matching a filter: sessions end, the already blocked are skipped, each step audited', async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    const people = await Promise.all(['bo', 'bea', 'bix'].map((n) => insertUser(t.prisma, tenant, { localPart: `blocky.${n}`, displayName: `Blocky ${n}` })));
    const already = await insertUser(t.prisma, tenant, { localPart: 'blocky.old', displayName: 'Blocky old', accountEnabled: false });
    await t.prisma.userSession.createMany({ data: people.map((p) => ({ tenantId: tenant.id, userId: p.id, sessionVersion: 1, createdAt: clock.now(), lastSeenAt: clock.now() })) });
    const filter = { type: 'filter', users: parseUserListFilter({ q: 'blocky' }) } as const;

    const blockJob = await preview(actor, 'block', filter);
    expect((await getBulkJob(t.prisma, tenant.id, blockJob))).toMatchObject({ kind: 'block', totalRows: 4, validRows: 4 });
    await commit(actor, blockJob);
    expect(await runBulkJob(blockJob, deps)).toBe('completed');
    expect((await getBulkJob(t.prisma, tenant.id, blockJob))?.counts).toMatchObject({ updated: 3, skipped: 1, failed: 0 });
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, id: { in: [...people, already].map((p) => p.id) }, accountEnabled: false } })).toBe(4);
    expect(await t.prisma.userSession.count({ where: { tenantId: tenant.id, userId: { in: people.map((p) => p.id) }, endedAt: null } })).toBe(0);
    const skipped = await listBulkJobRows(t.prisma, tenant.id, blockJob, 'all');
    expect(skipped.rows.find((r) => r.signInName === already.signInName)).toMatchObject({ outcome: 'skipped', message: 'Sign-in was already blocked.' });
    expect(await t.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: 'user.blockSignIn', actorUserId: admin.id } })).toBe(3);
    expect(await t.prisma.auditEvent.findFirst({ where: { tenantId: tenant.id, action: 'user.bulkBlockSignIn', targetId: blockJob, after: { path: ['skipped'], equals: 1 } }, select: { actorName: true } })).toEqual({ actorName: admin.displayName });

    const unblockJob = await preview(actor, 'unblock', filter);
    await commit(actor, unblockJob);
    expect(await runBulkJob(unblockJob, deps)).toBe('completed');
    expect((await getBulkJob(t.prisma, tenant.id, unblockJob))?.counts).toMatchObject({ updated: 4, failed: 0 });
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, id: { in: [...people, already].map((p) => p.id) }, accountEnabled: true } })).toBe(4);
  });

  it('fails a delete row clearly when the user changed between preview and job', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const [a, b] = await Promise.all(['ava', 'ben'].map((n) => insertUser(t.prisma, tenant, { localPart: n })));
    if (!a || !b) throw new Error('setup');
    const jobId = await preview(actor, 'delete', namesFile([a.signInName, b.signInName]));
    await commit(actor, jobId);
    await t.prisma.user.update({ where: { id: b.id }, data: { deletedAt: clock.now() } });
    await runBulkJob(jobId, deps);
    const failed = await listBulkJobRows(t.prisma, tenant.id, jobId, 'failed');
    expect(failed.rows).toEqual([expect.objectContaining({ line: 3, message: 'Not found: the user was deleted or purged since the preview.' })]);
  });

  it('hands out the one-time passwords once, to the admin who ran the import, for 24 hours at most', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const other = await insertUser(t.prisma, tenant, { localPart: 'other.ga', displayName: 'Other GA', roles: ['globalAdministrator'] });
    const otherActor: Actor = { userId: other.id, displayName: other.displayName, tenantId: tenant.id, roles: ['globalAdministrator'] };
    const d = tenant.primaryDomain;
    const jobId = await preview(actor, 'add', file([`one@${d},One,,,,`, `two@${d},Two,,,,`]));
    await commit(actor, jobId);
    const early = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor, tenantId: tenant.id, jobId });
    expect(early.ok).toBe(false);
    await runBulkJob(jobId, deps);

    const notMine = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor: otherActor, tenantId: tenant.id, jobId });
    expect(!notMine.ok && notMine.error.rule).toBe('NOT_JOB_OWNER');
    const elsewhere = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor: { ...actor, tenantId: (await createTenant(t.prisma)).id }, tenantId: tenant.id, jobId });
    expect(!elsewhere.ok && elsewhere.error.code).toBe('NOT_FOUND');

    const first = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor, tenantId: tenant.id, jobId });
    if (!first.ok) throw new Error(first.error.message);
    const lines = first.value.csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Display Name,User Name,Temporary password');
    expect(lines).toHaveLength(3);
    // The passwords work: each is the one whose hash the user holds.
    for (const line of lines.slice(1)) {
      const [, signInName, password] = line.split(',');
      const user = await t.prisma.user.findFirst({ where: { signInName }, select: { passwordHash: true } });
      expect(await bcrypt.compare(password ?? '', user?.passwordHash ?? '')).toBe(true);
    }
    expect(await t.prisma.bulkJobRow.count({ where: { jobId, passwordCiphertext: { not: null } } })).toBe(0);
    const second = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor, tenantId: tenant.id, jobId });
    expect(!second.ok && second.error.rule).toBe('PASSWORDS_GONE');

    // Another import, never downloaded: after 24 hours the wipe takes its passwords away.
    const later = await preview(actor, 'add', file([`three@${d},Three,,,,`]));
    await commit(actor, later);
    await runBulkJob(later, deps);
    expect(await wipeExpiredPasswords(t.prisma, clock.now())).toBe(0);
    clock.advance(DAY);
    const expired = await takeOneTimePasswords(t.prisma, { clock, sealer }, { actor, tenantId: tenant.id, jobId: later });
    expect(!expired.ok && expired.error.rule).toBe('PASSWORDS_GONE');
    expect(await wipeExpiredPasswords(t.prisma, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.bulkJobRow.count({ where: { jobId: later, passwordCiphertext: { not: null } } })).toBe(0);
  });

  it('previews "all matching" a users-list filter, and the maintenance starts again a job whose runner died', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    await Promise.all(['ola', 'oli', 'oscar'].map((n) => insertUser(t.prisma, tenant, { localPart: `${n}.filter`, displayName: `${n} Filtered` })));
    const result = await createBulkPreview(t.prisma, clock, { actor, tenantId: tenant.id, kind: 'delete', source: { type: 'filter', users: { q: 'Filtered', sort: 'displayName', dir: 'asc' } } });
    if (!result.ok) throw new Error(result.error.message);
    const jobId = result.value.jobId;
    expect(await getBulkJob(t.prisma, tenant.id, jobId)).toMatchObject({ source: 'filter', filterLabel: 'users matching “Filtered”', validRows: 3 });
    expect((await listBulkJobRows(t.prisma, tenant.id, jobId, 'all')).rows.map((r) => [r.line, r.displayName])).toEqual([
      [1, 'ola Filtered'],
      [2, 'oli Filtered'],
      [3, 'oscar Filtered'],
    ]);
    await commit(actor, jobId);
    // Committed, but the runner that should have taken it never did (the process died).
    await t.prisma.bulkJob.update({ where: { id: jobId }, data: { queuedAt: new Date(Date.now() - 60_000) } });
    Object.assign(process.env, { DATABASE_URL: t.url, AUTH_SECRET: randomBytes(32).toString('base64url'), BCRYPT_COST: '4' });
    expect(await bulkJobMaintenance(t.prisma, clock, () => undefined)).toMatchObject({ restarted: 1 });
    await expect.poll(async () => (await getBulkJob(t.prisma, tenant.id, jobId))?.status, { timeout: 20_000 }).toBe('completed');
    expect((await getBulkJob(t.prisma, tenant.id, jobId))?.counts.deleted).toBe(3);
    // Started once: a second sweep finds nothing to restart.
    expect(await bulkJobMaintenance(t.prisma, clock, () => undefined)).toMatchObject({ restarted: 0 });
  });

  it('acts with the committing admin’s roles of the moment: blocked since, the job stops and its rows stay pending', async () => {
    const { tenant, admin, actor } = await tenantWithAdmin();
    await insertUser(t.prisma, tenant, { localPart: 'second.ga', roles: ['globalAdministrator'] });
    const jobId = await preview(actor, 'add', file([`late@${tenant.primaryDomain},Late,,,,`]));
    await commit(actor, jobId);
    await t.prisma.user.update({ where: { id: admin.id }, data: { accountEnabled: false } });
    expect(await runBulkJob(jobId, deps)).toBe('failed');
    const job = await getBulkJob(t.prisma, tenant.id, jobId);
    expect(job).toMatchObject({ status: 'failed', processedRows: 0 });
    expect(job?.error).toContain('can no longer act in this tenant');
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, signInNameKey: `late@${tenant.primaryDomain}` } })).toBe(0);
  });

  it('keeps jobs to their tenant, and a cancelled job stops', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const other = await tenantWithAdmin();
    const jobId = await preview(actor, 'add', file([`solo@${tenant.primaryDomain},Solo,,,,`]));
    expect(await getBulkJob(t.prisma, other.tenant.id, jobId)).toBeNull();
    expect(await getBulkJobProgress(t.prisma, other.tenant.id, jobId, clock.now())).toBeNull();
    const foreign = await commitBulkJob(t.prisma, clock, { actor: other.actor, tenantId: other.tenant.id, jobId });
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND');

    expect((await cancelBulkJob(t.prisma, clock, { actor, tenantId: tenant.id, jobId })).ok).toBe(true);
    const late = await commitBulkJob(t.prisma, clock, { actor, tenantId: tenant.id, jobId });
    expect(!late.ok && late.error.code).toBe('CONFLICT');
    expect(await runBulkJob(jobId, deps)).toBe('idle');
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it('puts the users a finished job created into the environments at once, without waiting for the background sync', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    await subscription(tenant.id, 'Dynamics 365 Sales', 10);
    await t.prisma.subscription.updateMany({ where: { tenantId: tenant.id, productName: 'Dynamics 365 Sales' }, data: { grantsDataverse: true } });
    const environment = await t.prisma.environment.create({ data: { tenantId: tenant.id, name: 'Prod', nameKey: 'prod', type: 'production' } });
    const jobId = await preview(actor, 'add', file([`nora@${tenant.primaryDomain},Nora New,US,Dynamics 365 Sales,,Seller`]));
    await commit(actor, jobId);
    expect(await runBulkJob(jobId, deps)).toBe('completed');
    const nora = await t.prisma.user.findFirstOrThrow({ where: { tenantId: tenant.id, signInNameKey: `nora@${tenant.primaryDomain}` }, select: { id: true } });
    expect(await t.prisma.environmentUser.findFirst({ where: { environmentId: environment.id, userId: nora.id }, select: { isEnabled: true } })).toEqual({ isEnabled: true });
  });

  it('removes finished jobs after 90 days and abandoned previews after 7, rows and all', async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const abandoned = await preview(actor, 'add', file([`old.preview@${tenant.primaryDomain},Old Preview,US,,,`]));
    const finished = await preview(actor, 'add', file([`old.done@${tenant.primaryDomain},Old Done,US,,,`]));
    await commit(actor, finished);
    expect(await runBulkJob(finished, deps)).toBe('completed');
    const kept = await preview(actor, 'add', file([`recent@${tenant.primaryDomain},Recent,US,,,`]));
    const now = clock.now().getTime();
    await t.prisma.bulkJob.update({ where: { id: abandoned }, data: { createdAt: new Date(now - 8 * DAY) } });
    await t.prisma.bulkJob.update({ where: { id: finished }, data: { finishedAt: new Date(now - 91 * DAY) } });
    const result = await bulkJobMaintenance(t.prisma, clock, () => undefined);
    expect(result.removed).toBeGreaterThanOrEqual(2);
    expect(await t.prisma.bulkJob.count({ where: { id: { in: [abandoned, finished] } } })).toBe(0);
    expect(await t.prisma.bulkJobRow.count({ where: { jobId: { in: [abandoned, finished] } } })).toBe(0);
    expect(await t.prisma.bulkJob.count({ where: { id: kept } })).toBe(1);
  });
});
