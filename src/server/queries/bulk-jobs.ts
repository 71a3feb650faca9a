// Read models of the bulk job pages: a job (preview, progress, result), its rows by
// line (filtered, keyset-paged), the tenant's recent jobs, and the progress poll —
// one primary-key read. Every query names the tenant; another tenant's job is simply
// not there (null).
import { z } from 'zod';
import type { BulkJobKind, BulkJobStatus, BulkRowOutcome, ExistingMode, RowPlan } from '@/domain/imports/bulk-job';
import { isActive, isFinished } from '@/domain/imports/bulk-job';
import { jobProgress, type Progress } from '@/domain/imports/progress';
import type { SeatCheck } from '@/domain/imports/seat-check';
import { isUuid } from '@/domain/shared/ids';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

export type BulkJobCounts = { created: number; updated: number; skipped: number; deleted: number; restored: number; failed: number };

export type BulkJobView = {
  id: string;
  kind: BulkJobKind;
  status: BulkJobStatus;
  source: 'file' | 'filter';
  fileName: string | null;
  /** A short description of the users-list filter a job was made from. */
  filterLabel: string | null;
  existingMode: ExistingMode;
  unknownColumns: string[];
  seatChecks: SeatCheck[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  processedRows: number;
  counts: BulkJobCounts;
  createdAt: Date;
  createdById: string | null;
  createdByName: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  passwordsDownloadedAt: Date | null;
  passwordsDownloadedByName: string | null;
  /** Rows still holding an encrypted one-time password. */
  passwordsKept: number;
  error: string | null;
};

export type BulkJobRowView = {
  line: number;
  signInName: string | null;
  displayName: string | null;
  errors: { column: string; message: string; code: string }[];
  plan: RowPlan | null;
  outcome: BulkRowOutcome | null;
  message: string | null;
  userId: string | null;
};

export const ROW_FILTERS = ['all', 'errors', 'valid', 'done', 'failed', 'skipped', 'pending'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];
export const parseRowFilter = (value: unknown): RowFilter => (ROW_FILTERS as readonly string[]).includes(String(value)) ? (value as RowFilter) : 'all';

const ZSeatChecks = z
  .array(z.object({ subscriptionId: z.string(), productName: z.string(), requested: z.number(), available: z.number(), shortfall: z.number() }))
  .catch([]);
const ZRowErrors = z.array(z.object({ column: z.string(), message: z.string(), code: z.string() })).catch([]);
const ZFilter = z
  .object({
    users: z.object({ q: z.string().optional(), status: z.string().optional(), kind: z.string().optional(), admin: z.string().optional() }).partial().optional(),
    deleted: z.object({ q: z.string().optional() }).optional(),
  })
  .nullable()
  .catch(null);

/** "blocked members with an admin role matching “ann”", "users", "deleted users matching “ann”". */
export function describeUserFilter(filter: { q?: string; status?: string; kind?: string; admin?: string }, list: 'users' | 'deleted' = 'users'): string {
  const kinds: Record<string, string> = { member: 'members', application: 'application users', nonInteractive: 'non-interactive users', stub: 'stub users' };
  const noun = list === 'deleted' ? 'deleted users' : (filter.kind && kinds[filter.kind]) || 'users';
  const adjective = list === 'users' && (filter.status === 'active' || filter.status === 'blocked') ? `${filter.status} ` : '';
  const admin = list === 'users' && filter.admin === 'yes' ? ' with an admin role' : list === 'users' && filter.admin === 'no' ? ' without an admin role' : '';
  const search = filter.q ? ` matching “${filter.q}”` : '';
  return `${adjective}${noun}${admin}${search}`;
}

function filterLabel(value: unknown): string | null {
  const filter = ZFilter.parse(value);
  if (!filter) return null;
  if (filter.deleted) return describeUserFilter(filter.deleted, 'deleted');
  return describeUserFilter(filter.users ?? {});
}

export async function getBulkJob(db: DbClient, tenantId: string, jobId: string): Promise<BulkJobView | null> {
  if (!isUuid(tenantId) || !isUuid(jobId)) return null;
  const job = await db.bulkJob.findFirst({
    where: { tenantId, id: jobId },
    select: {
      id: true,
      kind: true,
      status: true,
      source: true,
      fileName: true,
      filter: true,
      existingMode: true,
      unknownColumns: true,
      seatChecks: true,
      totalRows: true,
      validRows: true,
      invalidRows: true,
      processedRows: true,
      createdCount: true,
      updatedCount: true,
      skippedCount: true,
      deletedCount: true,
      restoredCount: true,
      failedCount: true,
      createdAt: true,
      createdById: true,
      createdByName: true,
      startedAt: true,
      finishedAt: true,
      passwordsDownloadedAt: true,
      passwordsDownloadedByName: true,
      error: true,
    },
  });
  if (!job) return null;
  const passwordsKept = job.kind === 'add' && isFinished(job.status) ? await db.bulkJobRow.count({ where: { jobId, passwordCiphertext: { not: null } } }) : 0;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    source: job.source === 'filter' ? 'filter' : 'file',
    fileName: job.fileName,
    filterLabel: filterLabel(job.filter),
    existingMode: job.existingMode,
    unknownColumns: job.unknownColumns,
    seatChecks: ZSeatChecks.parse(job.seatChecks ?? []),
    totalRows: job.totalRows,
    validRows: job.validRows,
    invalidRows: job.invalidRows,
    processedRows: job.processedRows,
    counts: {
      created: job.createdCount,
      updated: job.updatedCount,
      skipped: job.skippedCount,
      deleted: job.deletedCount,
      restored: job.restoredCount,
      failed: job.failedCount,
    },
    createdAt: job.createdAt,
    createdById: job.createdById,
    createdByName: job.createdByName,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    passwordsDownloadedAt: job.passwordsDownloadedAt,
    passwordsDownloadedByName: job.passwordsDownloadedByName,
    passwordsKept,
    error: job.error,
  };
}

function rowCondition(filter: RowFilter): Prisma.Sql {
  switch (filter) {
    case 'errors':
      return Prisma.sql` AND NOT r."isValid"`;
    case 'valid':
      return Prisma.sql` AND r."isValid"`;
    case 'done':
      return Prisma.sql` AND r."outcome" IN ('created', 'updated', 'deleted', 'restored')`;
    case 'failed':
      return Prisma.sql` AND r."outcome" = 'failed'`;
    case 'skipped':
      return Prisma.sql` AND r."outcome" = 'skipped'`;
    case 'pending':
      return Prisma.sql` AND r."isValid" AND r."outcome" IS NULL`;
    default:
      return Prisma.empty;
  }
}

type RowSql = Omit<BulkJobRowView, 'errors'> & { errors: unknown };

const toRowView = (row: RowSql): BulkJobRowView => ({ ...row, errors: ZRowErrors.parse(row.errors) });

/** A page of the job's rows by line; `after`/`before` are line numbers. */
export async function listBulkJobRows(
  db: DbClient,
  tenantId: string,
  jobId: string,
  filter: RowFilter,
  page: { after?: number; before?: number; size?: number } = {},
): Promise<{ rows: BulkJobRowView[]; total: number; nextAfter: number | null; prevBefore: number | null }> {
  if (!isUuid(tenantId) || !isUuid(jobId)) return { rows: [], total: 0, nextAfter: null, prevBefore: null };
  const size = Math.min(200, Math.max(1, Math.floor(page.size ?? 50)));
  const backward = page.after === undefined && page.before !== undefined;
  const boundary =
    page.after !== undefined ? Prisma.sql` AND r."line" > ${page.after}` : page.before !== undefined ? Prisma.sql` AND r."line" < ${page.before}` : Prisma.empty;
  const where = Prisma.sql`r."tenantId" = ${tenantId}::uuid AND r."jobId" = ${jobId}::uuid${rowCondition(filter)}`;
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<RowSql[]>(Prisma.sql`
      SELECT r."line", r."signInName", r."displayName", r."errors", r."plan", r."outcome"::text AS "outcome", r."message", r."userId"::text AS "userId"
      FROM "BulkJobRow" r WHERE ${where}${boundary}
      ORDER BY r."line" ${backward ? Prisma.sql`DESC` : Prisma.sql`ASC`} LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS "total" FROM "BulkJobRow" r WHERE ${where}`),
  ]);
  const hasMore = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backward) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const hadCursor = page.after !== undefined || page.before !== undefined;
  return {
    rows: rows.map(toRowView),
    total: count?.total ?? 0,
    nextAfter: (backward || hasMore) && last ? last.line : null,
    prevBefore: (backward ? hasMore : hadCursor) && first ? first.line : null,
  };
}

/** Every row of the job by line, a batch at a time (the reports stream it). */
export async function* allBulkJobRows(db: DbClient, tenantId: string, jobId: string, filter: RowFilter): AsyncGenerator<BulkJobRowView & { values: unknown }> {
  if (!isUuid(tenantId) || !isUuid(jobId)) return;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<(RowSql & { values: unknown })[]>(Prisma.sql`
      SELECT r."line", r."signInName", r."displayName", r."errors", r."plan", r."outcome"::text AS "outcome", r."message", r."userId"::text AS "userId", r."values"
      FROM "BulkJobRow" r
      WHERE r."tenantId" = ${tenantId}::uuid AND r."jobId" = ${jobId}::uuid${rowCondition(filter)} AND r."line" > ${after}
      ORDER BY r."line" LIMIT 1000`);
    for (const row of rows) yield { ...toRowView(row), values: row.values };
    const last = rows.at(-1);
    if (!last || rows.length < 1000) return;
    after = last.line;
  }
}

export type BulkJobSummary = { id: string; kind: BulkJobKind; status: BulkJobStatus; fileName: string | null; source: string; totalRows: number; processedRows: number; validRows: number; createdAt: Date; createdByName: string };

export async function listRecentBulkJobs(db: DbClient, tenantId: string, kinds: readonly BulkJobKind[], limit = 10): Promise<BulkJobSummary[]> {
  if (!isUuid(tenantId)) return [];
  return db.bulkJob.findMany({
    where: { tenantId, kind: { in: [...kinds] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, kind: true, status: true, fileName: true, source: true, totalRows: true, processedRows: true, validRows: true, createdAt: true, createdByName: true },
  });
}

export type BulkJobProgress = Progress & {
  status: BulkJobStatus;
  total: number;
  processed: number;
  counts: BulkJobCounts;
  active: boolean;
  finished: boolean;
  /** The runner's lease has run out (or was never taken): nobody is processing the job now. */
  orphaned: boolean;
};

/** The progress poll: one row by primary key. */
export async function getBulkJobProgress(db: DbClient, tenantId: string, jobId: string, now: Date): Promise<BulkJobProgress | null> {
  if (!isUuid(tenantId) || !isUuid(jobId)) return null;
  const job = await db.bulkJob.findFirst({
    where: { tenantId, id: jobId },
    select: {
      status: true,
      validRows: true,
      processedRows: true,
      runStartedAt: true,
      runStartProcessed: true,
      leaseUntil: true,
      createdCount: true,
      updatedCount: true,
      skippedCount: true,
      deletedCount: true,
      restoredCount: true,
      failedCount: true,
    },
  });
  if (!job) return null;
  const finished = isFinished(job.status);
  return {
    status: job.status,
    total: job.validRows,
    processed: job.processedRows,
    counts: {
      created: job.createdCount,
      updated: job.updatedCount,
      skipped: job.skippedCount,
      deleted: job.deletedCount,
      restored: job.restoredCount,
      failed: job.failedCount,
    },
    active: isActive(job.status),
    finished,
    orphaned: isActive(job.status) && (!job.leaseUntil || job.leaseUntil.getTime() < now.getTime()),
    ...jobProgress({ total: job.validRows, processed: job.processedRows, runStartedAt: job.runStartedAt, runStartProcessed: job.runStartProcessed, finished, now }),
  };
}
