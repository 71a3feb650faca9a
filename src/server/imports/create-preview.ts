// The preview of a bulk job: read the file (or the users-list filter), check every
// row against the directory, and store the job with its rows — nothing else is
// written. The job page shows the stored preview; committing it starts the job.
import { BULK_ROW_LIMIT, plural, BULK_KIND_PERMISSION, type BulkJobKind, type ExistingMode, type RowError, type RowPlan } from '@/domain/imports/bulk-job';
import { validateBulkTargets, type BulkTargetInput } from '@/domain/imports/bulk-targets';
import { importRowKey, validateImportRows, type ImportCells } from '@/domain/imports/import-rows';
import { seatPreCheck, type SeatCheck } from '@/domain/imports/seat-check';
import type { Clock } from '@/domain/shared/clock';
import { authorize, type Actor } from '@/domain/shared/permissions';
import { fail, ok, type Result } from '@/domain/shared/result';
import { signInNameKey } from '@/domain/users/user';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '../db/client';
import { listDeletedUsers, listUserIdsMatching, type UserListFilter } from '../queries/users-list';
import { prismaLicenceLifecycleRepository } from '../repositories/licence-lifecycle-repository';
import { prismaTenantRepository } from '../repositories/tenant-repository';
import {
  countActiveGlobalAdmins,
  groupsByName,
  licenceHoldings,
  liveUsersBySignInName,
  takenSignInNames,
  tenantUsersBySignInName,
} from './import-lookups';
import { columnHeader, toImportRowInput } from './import-row-input';
import { parseSignInNameCsv, parseUserCsv } from './parse-user-csv';

/** Where the rows come from: an uploaded file, or every user matching a list's filter. */
export type PreviewSource =
  | { type: 'file'; fileName: string | null; bytes: Uint8Array }
  | { type: 'filter'; users: UserListFilter }
  | { type: 'filter'; deleted: { q?: string } };

export type PreviewRequest = { actor: Actor; tenantId: string; kind: BulkJobKind; source: PreviewSource; existingMode?: ExistingMode };

export type StoredRow = {
  line: number;
  signInName: string | null;
  displayName: string | null;
  values: ImportCells | { signInName: string };
  errors: (RowError & { column: string })[];
  plan: RowPlan | null;
  targetUserId: string | null;
};

const PERMISSION = BULK_KIND_PERMISSION;
const INSERT_CHUNK = 2_000;

const withColumns = (errors: RowError[]) => errors.map((e) => ({ ...e, column: columnHeader(e.field) }));

/** Validates and stores a preview; returns the job's id, or why the file was refused as a whole. */
export async function createBulkPreview(db: Db, clock: Clock, request: PreviewRequest): Promise<Result<{ jobId: string; totalRows: number; invalidRows: number }>> {
  const { actor, tenantId, kind } = request;
  const allowed = authorize({ actor, tenantId, action: PERMISSION[kind] });
  if (!allowed.ok) return allowed;
  const tenant = await prismaTenantRepository(db).getById(tenantId);
  if (!tenant) return fail('NOT_FOUND', 'Not found.');

  if (kind === 'add') {
    if (request.source.type !== 'file') return fail('VALIDATION', 'Bulk add reads a file: upload a CSV.');
    const parsed = parseUserCsv(request.source.bytes, { maxRows: BULK_ROW_LIMIT });
    if (!parsed.ok) return fail('VALIDATION', parsed.error.message, { rule: parsed.error.code });
    const inputs = parsed.rows.map(toImportRowInput);
    const mode = request.existingMode ?? 'skip';

    const keys = inputs.map((row) => importRowKey(row, tenant)).filter((k): k is string => Boolean(k));
    const [existing, subscriptions, groups] = await Promise.all([
      liveUsersBySignInName(db, keys),
      prismaLicenceLifecycleRepository(db).listSubscriptions(tenantId),
      groupsByName(db, tenantId, inputs.flatMap((row) => row.groupNames)),
    ]);
    const ownUsers = [...existing.values()].filter((u) => u.tenantId === tenantId).map((u) => u.id);
    const holdings = inputs.some((row) => row.licenceNames.length) ? await licenceHoldings(db, tenantId, ownUsers) : new Map<string, Set<string>>();
    const validated = validateImportRows(inputs, {
      actor,
      tenantId,
      tenant,
      mode,
      existing,
      subscriptions: new Map(subscriptions.map((s) => [s.productName.toLowerCase(), s])),
      groups,
      holdings,
    });
    const seatChecks = seatPreCheck(validated.filter((row) => row.plan !== null), subscriptions);
    const cellsByLine = new Map(parsed.rows.map((row) => [row.line, row.values]));
    const rows: StoredRow[] = validated.map((row) => ({
      line: row.line,
      signInName: row.signInName,
      displayName: row.displayName,
      values: cellsByLine.get(row.line) ?? {},
      errors: withColumns(row.errors),
      plan: row.plan,
      targetUserId: row.targetUserId,
    }));
    const jobId = await storePreview(db, clock, {
      actor,
      tenantId,
      kind,
      source: request.source,
      existingMode: mode,
      unknownColumns: parsed.unknownColumns,
      seatChecks,
      rows,
    });
    return ok({ jobId, totalRows: rows.length, invalidRows: rows.filter((r) => !r.plan).length });
  }

  const listed = await targetsOf(db, tenantId, request.source);
  if (!listed.ok) return listed;
  const inputs = listed.value;
  const keys = inputs.map((row) => signInNameKey(row.signInName)).filter(Boolean);
  const [candidates, taken, activeGlobalAdminCount] = await Promise.all([
    tenantUsersBySignInName(db, tenantId, keys),
    kind === 'restore' ? takenSignInNames(db, keys) : Promise.resolve(new Set<string>()),
    countActiveGlobalAdmins(db, tenantId),
  ]);
  const validated = validateBulkTargets(inputs, {
    actor,
    tenantId,
    operation: kind,
    now: clock.now(),
    candidates,
    takenByLiveUsers: taken,
    activeGlobalAdminCount,
  });
  const rows: StoredRow[] = validated.map((row) => ({
    line: row.line,
    signInName: row.signInName || null,
    displayName: row.displayName,
    values: { signInName: row.signInName },
    errors: withColumns(row.errors),
    plan: row.plan,
    targetUserId: row.targetUserId,
  }));
  const jobId = await storePreview(db, clock, { actor, tenantId, kind, source: request.source, existingMode: 'skip', unknownColumns: [], seatChecks: [], rows });
  return ok({ jobId, totalRows: rows.length, invalidRows: rows.filter((r) => !r.plan).length });
}

/** The sign-in names a delete or restore is about: the file's, or the filter's users in list order. */
async function targetsOf(db: Db, tenantId: string, source: PreviewSource): Promise<Result<BulkTargetInput[]>> {
  if (source.type === 'file') {
    const parsed = parseSignInNameCsv(source.bytes, { maxRows: BULK_ROW_LIMIT });
    if (!parsed.ok) return fail('VALIDATION', parsed.error.message, { rule: parsed.error.code });
    return ok(parsed.rows);
  }
  const tooMany = (total: number) =>
    fail('LIMIT_EXCEEDED', `${plural(total, 'user')} match; at most ${BULK_ROW_LIMIT.toLocaleString('en')} can be changed in one job. Narrow the filter.`);
  if ('users' in source) {
    const { ids, total } = await listUserIdsMatching(db, tenantId, source.users, BULK_ROW_LIMIT + 1);
    if (total > BULK_ROW_LIMIT) return tooMany(total);
    if (!ids.length) return fail('VALIDATION', 'No users match this filter.');
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const part = ids.slice(i, i + 5_000);
      const rows = await db.user.findMany({ where: { tenantId, id: { in: part } }, select: { id: true, signInName: true } });
      for (const r of rows) names.set(r.id, r.signInName);
    }
    return ok(ids.flatMap((id, index) => (names.has(id) ? [{ line: index + 1, signInName: names.get(id) ?? '' }] : [])));
  }
  const rows: BulkTargetInput[] = [];
  let after: string | undefined;
  do {
    const page = await listDeletedUsers(db, tenantId, source.deleted, { after, size: 200 });
    for (const row of page.rows) rows.push({ line: rows.length + 1, signInName: row.signInName });
    if (rows.length > BULK_ROW_LIMIT) return tooMany(page.total);
    after = page.nextCursor ?? undefined;
  } while (after);
  if (!rows.length) return fail('VALIDATION', 'No deleted users match this search.');
  return ok(rows);
}

type StoreCommand = {
  actor: Actor;
  tenantId: string;
  kind: BulkJobKind;
  source: PreviewSource;
  existingMode: ExistingMode;
  unknownColumns: string[];
  seatChecks: SeatCheck[];
  rows: StoredRow[];
};

/** The job and all its rows in one transaction: a preview is there whole, or not at all. */
async function storePreview(db: Db, clock: Clock, command: StoreCommand): Promise<string> {
  const { tenantId, rows } = command;
  const valid = rows.filter((r) => r.plan !== null).length;
  const filter =
    command.source.type === 'filter' ? ('users' in command.source ? { users: command.source.users } : { deleted: command.source.deleted }) : Prisma.DbNull;
  return db.$transaction(
    async (tx) => {
      const job = await tx.bulkJob.create({
        data: {
          tenantId,
          kind: command.kind,
          status: 'previewed',
          source: command.source.type,
          fileName: command.source.type === 'file' ? (command.source.fileName?.slice(0, 255) ?? null) : null,
          filter,
          existingMode: command.existingMode,
          unknownColumns: command.unknownColumns.slice(0, 100),
          seatChecks: command.seatChecks,
          totalRows: rows.length,
          validRows: valid,
          invalidRows: rows.length - valid,
          createdAt: clock.now(),
          createdById: command.actor.userId,
          createdByName: command.actor.displayName,
        },
        select: { id: true },
      });
      // One JSON parameter per chunk, expanded by PostgreSQL: far lighter than a
      // many-parameter createMany for 50,000 rows (memory and time).
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK).map((row) => ({
          line: row.line,
          signInName: row.signInName?.slice(0, 320) ?? null,
          displayName: row.displayName?.slice(0, 320) ?? null,
          values: row.values,
          errors: row.errors,
          isValid: row.plan !== null,
          plan: row.plan,
          targetUserId: row.targetUserId,
        }));
        await tx.$executeRaw`
          INSERT INTO "BulkJobRow" ("tenantId", "jobId", "line", "signInName", "displayName", "values", "errors", "isValid", "plan", "targetUserId")
          SELECT ${tenantId}::uuid, ${job.id}::uuid, r."line", r."signInName", r."displayName", r."values", r."errors", r."isValid", r."plan", r."targetUserId"
          FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
            AS r("line" int, "signInName" text, "displayName" text, "values" jsonb, "errors" jsonb, "isValid" boolean, "plan" text, "targetUserId" uuid)`;
      }
      return job.id;
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}
