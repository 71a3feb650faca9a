// Runs a committed bulk job: the pg-boss worker calls it, and so does the portal
// itself when the job engine is off (tests, browser tests), so there is one runner.
//
// Nothing lost, nobody twice:
// - each row is processed in its own transaction, which first locks the row and checks
//   that it has no outcome yet, and which records the outcome (and moves the job's
//   counters) before it commits: a row is either wholly done and marked, or not at all;
// - a refused row is rolled back and then marked failed, with its reason, on its own;
// - one runner holds a job at a time (a lease in the job row, renewed every few
//   seconds); a runner that dies stops renewing it, and whoever finds the lease run out
//   (the maintenance job, or the progress poll) starts the job again, which picks up
//   the rows without an outcome.
//
// Throughput: the temporary passwords are hashed before each row's transaction, several
// rows at a time, so every core is busy with bcrypt (the floor of this job) while the
// transactions of earlier rows commit.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';
import type { RandomBytes } from '@/domain/auth/passwords';
import type { PasswordHasher } from '@/domain/auth/password-hasher';
import { BULK_AUDIT_ACTION, plural, type BulkJobKind, type BulkRowOutcome, type ExistingMode } from '@/domain/imports/bulk-job';
import { importUserRow, prepareCredentials, type ImportLookups, type ImportRepositories } from '@/domain/imports/import-user-row';
import { normaliseImportRow } from '@/domain/imports/import-rows';
import type { Clock } from '@/domain/shared/clock';
import { resolveAgentActor } from '@/domain/partners/agent-access';
import { isRoleId, type Actor } from '@/domain/shared/permissions';
import type { DomainError } from '@/domain/shared/result';
import type { Transaction } from '@/domain/shared/unit-of-work';
import type { Tenant } from '@/domain/tenants/tenant';
import { deleteUser } from '@/domain/users/delete-user';
import { restoreUser } from '@/domain/users/restore-user';
import { setSignInBlocked } from '@/domain/users/set-sign-in-blocked';
import { Prisma } from '@/generated/prisma/client';
import { bcryptHasher, secureRandomBytes } from '../auth/password-hasher';
import { systemClock } from '../clock';
import { db as defaultDb, type Db, type DbClient } from '../db/client';
import { repositories } from '../db/transaction';
import { syncUsers } from '../environments/sync-service';
import { prismaAuditLog } from '../repositories/audit-repository';
import { prismaPartnerRepository } from '../repositories/partner-repository';
import { prismaTenantRepository } from '../repositories/tenant-repository';
import { prismaImportLookups } from './import-lookups';
import { cellsFromJson, columnHeader, toImportRowInput } from './import-row-input';
import { bulkPasswordContext, defaultPasswordSealer, type PasswordSealer } from './password-sealer';

export type RunnerDeps = {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  random: RandomBytes;
  sealer: PasswordSealer;
  log: (line: string) => void;
};

export type RunOptions = {
  /** Rows in flight at once (default: cores + 2, at most 8). */
  concurrency?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  /** For tests: called after each row this run processed; throwing stops the run as a crash would. */
  afterRow?: (processedInThisRun: number) => void | Promise<void>;
};

/** completed: every row has an outcome; busy: another runner holds the job; idle: nothing to run (not committed, finished, cancelled). */
export type RunResult = 'completed' | 'cancelled' | 'stopped' | 'busy' | 'idle' | 'failed';

export function defaultRunnerDeps(): RunnerDeps {
  return { db: defaultDb(), clock: systemClock, hasher: bcryptHasher(), random: secureRandomBytes, sealer: defaultPasswordSealer(), log: (line) => console.log(line) };
}

export const DEFAULT_LEASE_MS = 45_000;
const BATCH = 200;

export const defaultConcurrency = () => Math.min(8, Math.max(2, os.availableParallelism() + 2));

/** Who committed the job (recorded at commit); their roles are resolved again at each run. */
const ZActor = z.object({ userId: z.string() });

type ClaimedJob = { id: string; tenantId: string; kind: BulkJobKind; existingMode: ExistingMode; actor: unknown; validRows: number; processedRows: number };
type PendingRow = { line: number; values: unknown; plan: string | null; targetUserId: string | null };
type RowDone = { outcome: BulkRowOutcome; message: string; userId: string | null; temporaryPassword?: string };

/** A refused row: its transaction is rolled back, then the row is marked failed on its own. */
class RowRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Thrown by a test's afterRow hook, or anything unexpected: the run stops, the rows left stay pending. */
class RunStopped extends Error {}

const COUNTERS: Record<BulkRowOutcome, Prisma.Sql> = {
  created: Prisma.raw('"createdCount"'),
  updated: Prisma.raw('"updatedCount"'),
  skipped: Prisma.raw('"skippedCount"'),
  deleted: Prisma.raw('"deletedCount"'),
  restored: Prisma.raw('"restoredCount"'),
  failed: Prisma.raw('"failedCount"'),
};

/** "Licenses: No seats left in …" — the column first when the error names one. */
export function describeRowError(error: DomainError): string {
  const field = typeof error.details?.field === 'string' ? error.details.field : null;
  const detail = Object.values(error.fieldErrors ?? {})[0]?.[0];
  const message = error.message === 'Check the highlighted fields.' && detail ? detail : error.message;
  return field && field !== 'row' ? `${columnHeader(field)}: ${message}` : message;
}

/**
 * Runs the job until every valid row has an outcome, the job is cancelled, or the run
 * stops. Safe to call from anywhere, any number of times: only the holder of the lease
 * processes rows, and a row that has an outcome is never processed again.
 */
export async function runBulkJob(jobId: string, deps: RunnerDeps = defaultRunnerDeps(), options: RunOptions = {}): Promise<RunResult> {
  const { db, clock, log } = deps;
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const [job] = await db.$queryRaw<ClaimedJob[]>`
    UPDATE "BulkJob" SET "status" = 'running', "leaseOwner" = ${owner}, "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000}),
      "runStartedAt" = ${clock.now()}, "runStartProcessed" = "processedRows", "startedAt" = coalesce("startedAt", ${clock.now()})
    WHERE "id" = ${jobId}::uuid AND "status" IN ('queued', 'running') AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
    RETURNING "id"::text AS "id", "tenantId"::text AS "tenantId", "kind"::text AS "kind", "existingMode"::text AS "existingMode", "actor", "validRows", "processedRows"`;
  if (!job) {
    const current = await db.bulkJob.findUnique({ where: { id: jobId }, select: { status: true } });
    return current && (current.status === 'queued' || current.status === 'running') ? 'busy' : 'idle';
  }

  const release = (status?: 'completed' | 'failed', error?: string) =>
    db.$executeRaw`
      UPDATE "BulkJob" SET "leaseOwner" = NULL, "leaseUntil" = NULL
        ${status ? Prisma.sql`, "status" = ${status}::"BulkJobStatus", "finishedAt" = ${clock.now()}` : Prisma.empty}
        ${error ? Prisma.sql`, "error" = ${error}` : Prisma.empty}
      WHERE "id" = ${jobId}::uuid AND "leaseOwner" = ${owner}`;

  const actor = await currentActor(db, clock, job);
  const tenant = await prismaTenantRepository(db).getById(job.tenantId);
  if (!actor || !tenant) {
    const reason = !tenant
      ? 'The tenant no longer exists.'
      : 'The admin who started this job can no longer act in this tenant (deleted, blocked, or their access has ended). The rows not yet processed were left as they are.';
    await release('failed', reason);
    log(`[jobs] bulk ${job.kind} ${jobId}: stopped — ${reason}`);
    return 'failed';
  }

  let stop: 'cancelled' | 'lost' | null = null;
  const heartbeat = setInterval(() => {
    void db.$queryRaw<{ status: string }[]>`
      UPDATE "BulkJob" SET "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000})
      WHERE "id" = ${jobId}::uuid AND "leaseOwner" = ${owner} RETURNING "status"::text AS "status"`
      .then((rows) => {
        if (!rows[0]) stop ??= 'lost';
        else if (rows[0].status === 'cancelled') stop ??= 'cancelled';
      })
      .catch((error: unknown) => log(`[jobs] bulk ${jobId}: heartbeat failed: ${String(error)}`));
  }, options.heartbeatMs ?? Math.max(1_000, Math.floor(leaseMs / 4)));
  heartbeat.unref();

  const started = Date.now();
  const names: NameCache = { subscriptions: new Map(), groups: new Map() };
  let processedInRun = 0;
  let crash: unknown = null;
  try {
    const rows = pendingRows(db, jobId);
    const worker = async () => {
      for (;;) {
        if (stop || crash) return;
        const row = await rows.next();
        if (!row) return;
        try {
          await processRow(deps, { job, actor, tenant, names }, row);
        } catch (error) {
          crash ??= error;
          return;
        }
        processedInRun++;
        if (options.afterRow) {
          try {
            await options.afterRow(processedInRun);
          } catch (error) {
            crash ??= error instanceof RunStopped ? error : new RunStopped(String(error));
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? defaultConcurrency()) }, worker));
  } finally {
    clearInterval(heartbeat);
  }

  const seconds = (Date.now() - started) / 1000;
  if (crash) {
    await release().catch(() => undefined);
    log(`[jobs] bulk ${job.kind} ${jobId}: stopped after ${plural(processedInRun, 'row')} in this run; the rest stay pending`);
    throw crash;
  }
  if (stop === 'lost') return 'stopped';
  if (stop === 'cancelled') {
    await db.$executeRaw`UPDATE "BulkJob" SET "leaseOwner" = NULL, "leaseUntil" = NULL, "finishedAt" = ${clock.now()} WHERE "id" = ${jobId}::uuid AND "leaseOwner" = ${owner}`;
    log(`[jobs] bulk ${job.kind} ${jobId}: cancelled after ${plural(processedInRun, 'row')} in this run`);
    return 'cancelled';
  }
  // Finish only when no valid row is left without an outcome; otherwise the next start picks them up.
  const left = await db.bulkJobRow.count({ where: { jobId, isValid: true, outcome: null } });
  if (left > 0) {
    await release();
    log(`[jobs] bulk ${job.kind} ${jobId}: ${plural(left, 'row')} still pending after this run`);
    return 'stopped';
  }
  await release('completed');
  const totals = await db.bulkJob.findUnique({
    where: { id: jobId },
    select: { createdCount: true, updatedCount: true, skippedCount: true, deletedCount: true, restoredCount: true, failedCount: true, fileName: true },
  });
  if (totals) {
    await prismaAuditLog(db).append({
      tenantId: job.tenantId,
      occurredAt: clock.now(),
      actor: { userId: actor.userId, displayName: actor.displayName, onBehalfOf: actor.onBehalfOf ?? null },
      action: BULK_AUDIT_ACTION[job.kind],
      target: { type: 'bulkJob', id: jobId, name: totals.fileName ?? `Bulk ${job.kind}` },
      after: {
        created: totals.createdCount,
        updated: totals.updatedCount,
        skipped: totals.skippedCount,
        deleted: totals.deletedCount,
        restored: totals.restoredCount,
        failed: totals.failedCount,
      },
      detail: 'Bulk job finished.',
    });
  }
  await syncChangedUsers(db, job.tenantId, jobId, log);
  log(`[jobs] bulk ${job.kind} ${jobId}: completed (${plural(processedInRun, 'row')} in ${seconds.toFixed(1)} s in this run)`);
  return 'completed';
}

/**
 * The users a finished job created, updated, deleted or restored reach the
 * environments now, not at the next background sync (domain.md §7). A failure
 * here leaves the job done: the background sync catches up.
 */
async function syncChangedUsers(db: Db, tenantId: string, jobId: string, log: (line: string) => void) {
  try {
    const rows = await db.bulkJobRow.findMany({ where: { jobId, userId: { not: null }, outcome: { in: ['created', 'updated', 'deleted', 'restored'] } }, select: { userId: true } });
    const userIds = rows.map((r) => r.userId).filter((id): id is string => id !== null);
    for (let i = 0; i < userIds.length; i += 1000) await syncUsers(db, tenantId, userIds.slice(i, i + 1000), 'change');
  } catch (error) {
    log(`[jobs] bulk ${jobId}: the sync of its users failed; the background sync will catch up (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The admin who committed the job, as they are now: live, enabled, with their current
 * roles here — at home the roles assigned to them, as a partner agent the roles their
 * partner's active relationship grants today (as every request resolves them). Null
 * when they can no longer act in the tenant: the job stops, and its rows stay pending.
 */
async function currentActor(db: DbClient, clock: Clock, job: ClaimedJob): Promise<Actor | null> {
  const parsed = ZActor.safeParse(job.actor);
  if (!parsed.success) return null;
  const user = await db.user.findFirst({
    where: { id: parsed.data.userId, deletedAt: null, accountEnabled: true },
    select: { id: true, tenantId: true, displayName: true, tenant: { select: { kind: true } }, roleAssignments: { select: { roleId: true } } },
  });
  if (!user) return null;
  if (user.tenantId === job.tenantId) {
    return { userId: user.id, displayName: user.displayName, tenantId: job.tenantId, roles: user.roleAssignments.map((r) => r.roleId).filter(isRoleId), onBehalfOf: null };
  }
  return resolveAgentActor(
    prismaPartnerRepository(db),
    { userId: user.id, displayName: user.displayName, tenantId: user.tenantId, tenantKind: user.tenant.kind },
    job.tenantId,
    clock.now(),
  );
}

/** The job's rows without an outcome, in line order, fetched a batch at a time as the workers ask. */
function pendingRows(db: DbClient, jobId: string) {
  let buffer: PendingRow[] = [];
  let after = 0;
  let exhausted = false;
  let fetching: Promise<void> | null = null;
  const refill = async () => {
    const rows = await db.$queryRaw<PendingRow[]>`
      SELECT "line", "values", "plan", "targetUserId"::text AS "targetUserId" FROM "BulkJobRow"
      WHERE "jobId" = ${jobId}::uuid AND "isValid" AND "outcome" IS NULL AND "line" > ${after}
      ORDER BY "line" LIMIT ${BATCH}`;
    buffer = buffer.concat(rows);
    const last = rows.at(-1);
    if (last) after = last.line;
    if (rows.length < BATCH) exhausted = true;
  };
  return {
    async next(): Promise<PendingRow | null> {
      while (buffer.length === 0 && !exhausted) {
        fetching ??= refill().finally(() => {
          fetching = null;
        });
        await fetching;
      }
      return buffer.shift() ?? null;
    },
  };
}

type NamedRef = { id: string; productName?: string; name?: string };
/** Names resolved once per run (a subscription or group deleted meanwhile is still refused, by id, by the use case). */
type NameCache = { subscriptions: Map<string, { id: string; productName: string }>; groups: Map<string, { id: string; name: string }> };
type RowContext = { job: ClaimedJob; actor: Actor; tenant: Tenant; names: NameCache };

/** The row's look-ups, with names answered from the run's cache where it has them. */
function cachedLookups(lookups: ImportLookups, names: NameCache): ImportLookups {
  async function resolve<T extends NamedRef>(cache: Map<string, T>, wanted: readonly string[], fetch: (missing: string[]) => Promise<Map<string, T>>) {
    const keys = [...new Set(wanted.map((n) => n.trim().toLowerCase()))];
    const missing = keys.filter((k) => !cache.has(k));
    if (missing.length) for (const [key, value] of await fetch(missing)) cache.set(key, value);
    return new Map(keys.flatMap((k) => (cache.has(k) ? [[k, cache.get(k) as T] as const] : [])));
  }
  return {
    liveUserBySignInName: (key) => lookups.liveUserBySignInName(key),
    subscriptionsByName: (tenantId, wanted) => resolve(names.subscriptions, wanted, (missing) => lookups.subscriptionsByName(tenantId, missing)),
    groupsByName: (tenantId, wanted) => resolve(names.groups, wanted, (missing) => lookups.groupsByName(tenantId, missing)),
  };
}

/** One row: its work and its outcome in one transaction; a refusal marked on its own. */
async function processRow(deps: RunnerDeps, context: RowContext, row: PendingRow): Promise<void> {
  const { job } = context;
  try {
    await attempt(deps, context, row);
  } catch (error) {
    if (error instanceof RowRefused) {
      await markFailed(deps, job.id, row.line, error.reason);
      return;
    }
    // A deadlock or a dropped connection: once more, then the row fails with a reference.
    try {
      await attempt(deps, context, row);
    } catch (second) {
      if (second instanceof RowRefused) {
        await markFailed(deps, job.id, row.line, second.reason);
        return;
      }
      const reference = randomUUID().slice(0, 8);
      deps.log(`[jobs] bulk ${job.id} line ${row.line} (reference ${reference}): ${String(second)}`);
      await markFailed(deps, job.id, row.line, `Something went wrong on our side; nothing was written for this row. Reference: ${reference}.`);
    }
  }
}

async function attempt(deps: RunnerDeps, { job, actor, tenant, names }: RowContext, row: PendingRow): Promise<void> {
  if (job.kind === 'add') {
    const input = toImportRowInput({ line: row.line, values: cellsFromJson(row.values) });
    const normalised = normaliseImportRow(input, tenant);
    if (!normalised.value) {
      const first = normalised.errors[0];
      throw new RowRefused(first ? `${columnHeader(first.field)}: ${first.message}` : 'The row is no longer valid.');
    }
    const value = normalised.value;
    // Hashing outside the transaction, so that no connection or lock waits on bcrypt.
    const credentials = row.plan === 'create' ? await prepareCredentials(deps) : null;
    await rowTransaction(deps, job, row.line, async (repos) => {
      const cached: ImportRepositories = { ...repos, importLookups: cachedLookups(repos.importLookups, names) };
      const transaction = <T>(work: (r: ImportRepositories) => Promise<T>) => work(cached);
      const result = await importUserRow(
        { clock: deps.clock, hasher: deps.hasher, random: deps.random, transaction },
        { actor, tenantId: job.tenantId, row: value, existingMode: job.existingMode, credentials, tenant },
      );
      if (!result.ok) throw new RowRefused(describeRowError(result.error));
      const done = result.value;
      return { outcome: done.outcome, message: done.message, userId: done.userId, temporaryPassword: done.outcome === 'created' ? done.temporaryPassword : undefined };
    });
    return;
  }

  const userId = row.targetUserId;
  if (!userId) throw new RowRefused('The preview found no user for this row.');
  await rowTransaction(deps, job, row.line, async (repos) => {
    const transaction: Transaction = (work) => work(repos);
    const inner = { clock: deps.clock, transaction };
    if (job.kind === 'block' || job.kind === 'unblock') {
      const blocked = job.kind === 'block';
      const result = await setSignInBlocked(inner, { actor, tenantId: job.tenantId, userId, blocked });
      if (!result.ok) throw new RowRefused(result.error.code === 'NOT_FOUND' ? 'Not found: the user was deleted since the preview.' : describeRowError(result.error));
      // Counted as "updated" (or "skipped" when there was nothing to change): the job's
      // page names them by its kind ("blocked", "unblocked").
      if (!result.value.changed) return { outcome: 'skipped', userId, message: `Sign-in was already ${blocked ? 'blocked' : 'allowed'}.` };
      return { outcome: 'updated', userId, message: blocked ? 'Sign-in blocked; open sessions ended.' : 'Sign-in unblocked.' };
    }
    if (job.kind === 'delete') {
      const result = await deleteUser(inner, { actor, tenantId: job.tenantId, userId });
      if (!result.ok) throw new RowRefused(result.error.code === 'NOT_FOUND' ? 'Not found: the user was deleted or purged since the preview.' : describeRowError(result.error));
      const released = result.value.releasedLicences;
      return { outcome: 'deleted', userId, message: `Deleted${released.length ? `; licences released: ${released.join(', ')}` : ''}.` };
    }
    const result = await restoreUser(inner, { actor, tenantId: job.tenantId, userId });
    if (!result.ok) throw new RowRefused(result.error.code === 'NOT_FOUND' ? 'Not found: the user was purged since the preview.' : describeRowError(result.error));
    const missed = result.value.notReassignedLicences;
    return {
      outcome: 'restored',
      userId,
      message: `Restored as ${result.value.signInName}${missed.length ? `; not re-assigned for lack of seats: ${missed.join(', ')}` : ''}.`,
    };
  });
}

/**
 * The row's transaction: lock the row, skip it if it already has an outcome (another
 * run did it), do the work, record the outcome and move the job's counters. The
 * counters come last, so the job row is locked only for the commit.
 */
async function rowTransaction(deps: RunnerDeps, job: ClaimedJob, line: number, work: (repos: ImportRepositories) => Promise<RowDone>): Promise<void> {
  const { db, clock, sealer } = deps;
  await db.$transaction(
    async (tx) => {
      const [pending] = await tx.$queryRaw<{ line: number }[]>`
        SELECT "line" FROM "BulkJobRow" WHERE "jobId" = ${job.id}::uuid AND "line" = ${line} AND "outcome" IS NULL FOR UPDATE`;
      if (!pending) return;
      const repos: ImportRepositories = { ...repositories(tx), importLookups: prismaImportLookups(tx) };
      const done = await work(repos);
      const sealed = done.temporaryPassword ? sealer.seal(done.temporaryPassword, bulkPasswordContext(job.id, line)) : null;
      await tx.$executeRaw`
        UPDATE "BulkJobRow" SET "outcome" = ${done.outcome}::"BulkRowOutcome", "message" = ${done.message}, "userId" = ${done.userId}::uuid,
          "passwordCiphertext" = ${sealed}, "processedAt" = ${clock.now()}
        WHERE "jobId" = ${job.id}::uuid AND "line" = ${line}`;
      await tx.$executeRaw`
        UPDATE "BulkJob" SET "processedRows" = "processedRows" + 1, ${COUNTERS[done.outcome]} = ${COUNTERS[done.outcome]} + 1 WHERE "id" = ${job.id}::uuid`;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** A refused row: marked failed with its reason (only if no run has given it an outcome meanwhile). */
async function markFailed(deps: RunnerDeps, jobId: string, line: number, reason: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const marked = await tx.$executeRaw`
      UPDATE "BulkJobRow" SET "outcome" = 'failed', "message" = ${reason.slice(0, 2000)}, "processedAt" = ${deps.clock.now()}
      WHERE "jobId" = ${jobId}::uuid AND "line" = ${line} AND "outcome" IS NULL`;
    if (marked === 1) {
      await tx.$executeRaw`UPDATE "BulkJob" SET "processedRows" = "processedRows" + 1, "failedCount" = "failedCount" + 1 WHERE "id" = ${jobId}::uuid`;
    }
  });
}
