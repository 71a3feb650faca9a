// What an admin does with a bulk job besides uploading it: commit the preview (the job
// starts), cancel it (a preview is discarded; a running job stops after the rows in
// flight), and take the one-time passwords of a bulk add (once: they are wiped in the
// same transaction that reads them).
import { BULK_AUDIT_ACTION as AUDIT_ACTION, BULK_KIND_LABELS, isPasswordKept, plural, BULK_KIND_PERMISSION, type BulkJobKind } from '@/domain/imports/bulk-job';
import type { Clock } from '@/domain/shared/clock';
import { isUuid } from '@/domain/shared/ids';
import { authorize, type Action, type Actor } from '@/domain/shared/permissions';
import { fail, ok, type Result } from '@/domain/shared/result';
import { csvLine } from '../exports/csv-writer';
import type { Db } from '../db/client';
import { prismaAuditLog } from '../repositories/audit-repository';
import { bulkPasswordContext, type PasswordSealer } from './password-sealer';

const PERMISSION: Record<BulkJobKind, Action> = BULK_KIND_PERMISSION;


type JobRow = { id: string; kind: BulkJobKind; status: string; validRows: number; fileName: string | null; createdById: string | null; createdByName: string };

const notFound = () => fail('NOT_FOUND', 'Bulk job not found.');

async function lockJob(tx: Pick<Db, '$queryRaw'>, tenantId: string, jobId: string): Promise<JobRow | null> {
  if (!isUuid(tenantId) || !isUuid(jobId)) return null;
  const [job] = await tx.$queryRaw<JobRow[]>`
    SELECT "id"::text AS "id", "kind"::text AS "kind", "status"::text AS "status", "validRows", "fileName", "createdById"::text AS "createdById", "createdByName"
    FROM "BulkJob" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${jobId}::uuid FOR UPDATE`;
  return job ?? null;
}

/** Previewed → queued, with the committing admin recorded; the caller then starts it. */
export async function commitBulkJob(db: Db, clock: Clock, command: { actor: Actor; tenantId: string; jobId: string }): Promise<Result<{ kind: BulkJobKind; rows: number }>> {
  const { actor, tenantId, jobId } = command;
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, tenantId, jobId);
    if (!job) return notFound();
    const allowed = authorize({ actor, tenantId, action: PERMISSION[job.kind] });
    if (!allowed.ok) return allowed;
    if (job.status !== 'previewed') return fail('CONFLICT', job.status === 'cancelled' ? 'This preview was discarded. Upload the file again.' : 'This job has already been started.');
    if (job.validRows === 0) return fail('VALIDATION', 'No row can be processed: fix the errors in the file and upload it again.');
    const now = clock.now();
    await tx.bulkJob.update({
      where: { id: job.id },
      data: {
        status: 'queued',
        queuedAt: now,
        actor: { userId: actor.userId, displayName: actor.displayName, tenantId: actor.tenantId, roles: [...actor.roles], onBehalfOf: actor.onBehalfOf ?? null },
      },
    });
    await prismaAuditLog(tx).append({
      tenantId,
      occurredAt: now,
      actor: { userId: actor.userId, displayName: actor.displayName, onBehalfOf: actor.onBehalfOf ?? null },
      action: AUDIT_ACTION[job.kind],
      target: { type: 'bulkJob', id: job.id, name: job.fileName ?? BULK_KIND_LABELS[job.kind].title },
      after: { rows: job.validRows },
      detail: `${BULK_KIND_LABELS[job.kind].title}: ${plural(job.validRows, 'row')} committed.`,
    });
    return ok({ kind: job.kind, rows: job.validRows });
  });
}

/** Discards a preview, or stops a queued or running job (rows done stay done). */
export async function cancelBulkJob(db: Db, clock: Clock, command: { actor: Actor; tenantId: string; jobId: string }): Promise<Result<{ status: 'cancelled' }>> {
  const { actor, tenantId, jobId } = command;
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, tenantId, jobId);
    if (!job) return notFound();
    const allowed = authorize({ actor, tenantId, action: PERMISSION[job.kind] });
    if (!allowed.ok) return allowed;
    if (!['previewed', 'queued', 'running'].includes(job.status)) return fail('CONFLICT', 'This job has already finished.');
    await tx.bulkJob.update({
      where: { id: job.id },
      data: { status: 'cancelled', ...(job.status === 'previewed' || job.status === 'queued' ? { finishedAt: clock.now() } : {}) },
    });
    return ok({ status: 'cancelled' as const });
  });
}

export const PASSWORD_CSV_HEADER = ['Display Name', 'User Name', 'Temporary password'] as const;

/**
 * The new users' temporary passwords as CSV, once: read, decrypted and wiped in one
 * transaction. Only the admin who started the import may take them. A second attempt,
 * or one after 24 hours, is refused with rule PASSWORDS_GONE.
 */
export async function takeOneTimePasswords(
  db: Db,
  deps: { clock: Clock; sealer: PasswordSealer },
  command: { actor: Actor; tenantId: string; jobId: string },
): Promise<Result<{ csv: string; count: number; fileName: string }>> {
  const { actor, tenantId, jobId } = command;
  const now = deps.clock.now();
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, tenantId, jobId);
    if (!job || job.kind !== 'add') return notFound();
    const allowed = authorize({ actor, tenantId, action: 'user.create' });
    if (!allowed.ok) return allowed;
    if (job.createdById !== actor.userId) {
      return fail('FORBIDDEN', `Only ${job.createdByName}, who started this import, can download its passwords. You can reset a user's password from their page.`, { rule: 'NOT_JOB_OWNER' });
    }
    const [state] = await tx.$queryRaw<{ status: string; passwordsDownloadedAt: Date | null; passwordsDownloadedByName: string | null }[]>`
      SELECT "status"::text AS "status", "passwordsDownloadedAt", "passwordsDownloadedByName" FROM "BulkJob" WHERE "id" = ${job.id}::uuid`;
    if (state?.status === 'queued' || state?.status === 'running') return fail('CONFLICT', 'The import is still running: download the passwords when it has finished.');
    const gone = (why: string) =>
      fail('CONFLICT', `The temporary passwords are gone: ${why}. They are given out only once. Reset a user's password from their page to give them a new one.`, { rule: 'PASSWORDS_GONE' });
    if (state?.passwordsDownloadedAt) {
      return gone(`they were downloaded on ${state.passwordsDownloadedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${state.passwordsDownloadedByName ?? 'an admin'}`);
    }
    const rows = await tx.$queryRaw<{ line: number; displayName: string | null; signInName: string | null; passwordCiphertext: string; processedAt: Date }[]>`
      SELECT "line", "displayName", "signInName", "passwordCiphertext", "processedAt" FROM "BulkJobRow"
      WHERE "jobId" = ${job.id}::uuid AND "passwordCiphertext" IS NOT NULL AND "outcome" = 'created'
      ORDER BY "line"`;
    const kept = rows.filter((r) => isPasswordKept(r.processedAt, now));
    if (!kept.length) return gone(rows.length ? 'they are kept for 24 hours only' : 'they were kept for 24 hours only, or no user was created');

    const lines: string[] = [];
    for (const row of kept) {
      const password = deps.sealer.open(row.passwordCiphertext, bulkPasswordContext(job.id, row.line));
      lines.push(csvLine([row.displayName, row.signInName, password ?? '(could not be decrypted: reset this user’s password)']));
    }
    await tx.$executeRaw`UPDATE "BulkJobRow" SET "passwordCiphertext" = NULL WHERE "jobId" = ${job.id}::uuid AND "passwordCiphertext" IS NOT NULL`;
    await tx.bulkJob.update({ where: { id: job.id }, data: { passwordsDownloadedAt: now, passwordsDownloadedByName: actor.displayName } });
    await prismaAuditLog(tx).append({
      tenantId,
      occurredAt: now,
      actor: { userId: actor.userId, displayName: actor.displayName, onBehalfOf: actor.onBehalfOf ?? null },
      action: 'user.bulkAdd.passwordsDownloaded',
      target: { type: 'bulkJob', id: job.id, name: job.fileName ?? 'Bulk add' },
      after: { users: kept.length },
      detail: `Temporary passwords of ${plural(kept.length, 'new user')} downloaded; they are no longer kept.`,
    });
    const stamp = now.toISOString().slice(0, 16).replace(/\D/g, '');
    return ok({ csv: '\uFEFF' + csvLine(PASSWORD_CSV_HEADER) + lines.join(''), count: kept.length, fileName: `temporary-passwords-${stamp}.csv` });
  });
}
