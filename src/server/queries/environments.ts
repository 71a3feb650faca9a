// Read models of the environment pages: the list (search, paging), one
// environment's user table (search, filters, paging) and sync history, the user
// picker of Add user, My environments, and the user page's environment lines.
// Verdicts shown on screen come from the engine (through the domain), never from
// SQL: nothing here decides eligibility.
import 'server-only';
import { z } from 'zod';
import type { AccessMode, EligibilityVerdict } from '@/domain/environments/eligibility';
import type { Environment, RowKind, RowOrigin, SyncRunTrigger } from '@/domain/environments/environment';
import { evaluateUser } from '@/domain/environments/evaluate-user';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { prismaEnvironmentRepository } from '../repositories/environment-repository';

export const ENVIRONMENTS_PAGE_SIZE = 20;
export const ROWS_PAGE_SIZE = 25;
export const RUNS_PAGE_SIZE = 10;
const MAX_QUERY_CHARS = 100;

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const zPage = z.coerce.number().int().min(1).max(100_000).catch(1);
const zQuery = z
  .string()
  .trim()
  .transform((v) => Array.from(v).slice(0, MAX_QUERY_CHARS).join(''))
  .optional()
  .catch(undefined);

/** LIKE pattern for a "contains" search, with the user's %, _ and \ escaped. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type Paged<Row> = { rows: Row[]; total: number; page: number; pageCount: number };
const paged = <Row>(rows: Row[], total: number, page: number, size: number): Paged<Row> => ({
  rows,
  total,
  page,
  pageCount: Math.max(1, Math.ceil(total / size)),
});

// ---------------------------------------------------------------------------
// The list

export type EnvironmentListFilter = { q?: string; page: number };

export function parseEnvironmentListFilter(params: Record<string, string | string[] | undefined>): EnvironmentListFilter {
  const q = zQuery.parse(firstValue(params.q));
  return { ...(q ? { q } : {}), page: zPage.parse(firstValue(params.page)) };
}

export type EnvironmentListRow = {
  id: string;
  name: string;
  type: Environment['type'];
  hasDataverse: boolean;
  securityGroupName: string | null;
  enabledUsers: number;
  disabledUsers: number;
  lastSyncAt: Date | null;
};

export async function listEnvironments(db: DbClient, tenantId: string, filter: EnvironmentListFilter): Promise<Paged<EnvironmentListRow>> {
  const where: Prisma.EnvironmentWhereInput = { tenantId, ...(filter.q ? { name: { contains: filter.q, mode: 'insensitive' } } : {}) };
  const total = await db.environment.count({ where });
  const page = Math.min(filter.page, Math.max(1, Math.ceil(total / ENVIRONMENTS_PAGE_SIZE)));
  const environments = await db.environment.findMany({
    where,
    orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * ENVIRONMENTS_PAGE_SIZE,
    take: ENVIRONMENTS_PAGE_SIZE,
    select: { id: true, name: true, type: true, hasDataverse: true, securityGroup: { select: { name: true } } },
  });
  const ids = environments.map((e) => e.id);
  const [counts, lastRuns] = ids.length
    ? await Promise.all([
        db.environmentUser.groupBy({ by: ['environmentId', 'isEnabled'], where: { tenantId, environmentId: { in: ids }, kind: 'user' }, _count: { _all: true } }),
        db.syncRun.groupBy({ by: ['environmentId'], where: { tenantId, environmentId: { in: ids }, status: 'succeeded' }, _max: { startedAt: true } }),
      ])
    : [[], []];
  const count = (id: string, enabled: boolean) => counts.find((c) => c.environmentId === id && c.isEnabled === enabled)?._count._all ?? 0;
  return paged(
    environments.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      hasDataverse: e.hasDataverse,
      securityGroupName: e.securityGroup?.name ?? null,
      enabledUsers: count(e.id, true),
      disabledUsers: count(e.id, false),
      lastSyncAt: lastRuns.find((r) => r.environmentId === e.id)?._max.startedAt ?? null,
    })),
    total,
    page,
    ENVIRONMENTS_PAGE_SIZE,
  );
}

// ---------------------------------------------------------------------------
// One environment

export type EnvironmentDetail = Environment & { creatorName: string | null; createdAt: Date };

export async function getEnvironmentDetail(db: DbClient, tenantId: string, environmentId: string): Promise<EnvironmentDetail | null> {
  const environment = await prismaEnvironmentRepository(db).getById(tenantId, environmentId);
  if (!environment) return null;
  const [row, creator] = await Promise.all([
    db.environment.findFirst({ where: { tenantId, id: environmentId }, select: { createdAt: true } }),
    environment.creatorId ? db.user.findFirst({ where: { tenantId, id: environment.creatorId }, select: { displayName: true } }) : null,
  ]);
  return { ...environment, creatorName: creator?.displayName ?? null, createdAt: row?.createdAt ?? new Date(0) };
}

export const ROW_STATES = ['enabled', 'disabled'] as const;
export type EnvironmentRowFilter = { q?: string; state?: (typeof ROW_STATES)[number]; mode?: AccessMode; page: number; runs: number };

const ACCESS_MODES = ['ReadWrite', 'Administrative', 'Read', 'SupportUser', 'NonInteractive', 'DelegatedAdmin'] as const;

export function parseEnvironmentRowFilter(params: Record<string, string | string[] | undefined>): EnvironmentRowFilter {
  const q = zQuery.parse(firstValue(params.q));
  const state = z.enum(ROW_STATES).optional().catch(undefined).parse(firstValue(params.state));
  const mode = z.enum(ACCESS_MODES).optional().catch(undefined).parse(firstValue(params.mode));
  return { ...(q ? { q } : {}), ...(state ? { state } : {}), ...(mode ? { mode } : {}), page: zPage.parse(firstValue(params.page)), runs: zPage.parse(firstValue(params.runs)) };
}

export type EnvironmentTableRow = {
  id: string;
  userId: string | null;
  kind: RowKind;
  displayName: string;
  signInName: string | null;
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: string[];
  createdVia: RowOrigin;
  lastSyncedAt: Date | null;
  applicationId: string | null;
};

export async function listEnvironmentRows(db: DbClient, tenantId: string, environmentId: string, filter: EnvironmentRowFilter): Promise<Paged<EnvironmentTableRow>> {
  const where: Prisma.EnvironmentUserWhereInput = {
    tenantId,
    environmentId,
    ...(filter.state ? { isEnabled: filter.state === 'enabled' } : {}),
    ...(filter.mode ? { accessMode: filter.mode } : {}),
    ...(filter.q
      ? {
          OR: [
            { fullName: { contains: filter.q, mode: 'insensitive' } },
            { signInName: { contains: filter.q, mode: 'insensitive' } },
            { applicationId: { contains: filter.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const total = await db.environmentUser.count({ where });
  const page = Math.min(filter.page, Math.max(1, Math.ceil(total / ROWS_PAGE_SIZE)));
  // Placeholders first, then by name: the two well-known rows are always at the top.
  const rows = await db.environmentUser.findMany({
    where,
    orderBy: [{ kind: 'desc' }, { fullName: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * ROWS_PAGE_SIZE,
    take: ROWS_PAGE_SIZE,
    select: {
      id: true,
      userId: true,
      kind: true,
      fullName: true,
      signInName: true,
      isEnabled: true,
      accessMode: true,
      securityRoles: true,
      createdVia: true,
      lastSyncedAt: true,
      applicationId: true,
    },
  });
  return paged(
    rows.map((r) => ({ ...r, displayName: r.fullName ?? r.signInName ?? '(no name)' })),
    total,
    page,
    ROWS_PAGE_SIZE,
  );
}

export type SyncRunRow = {
  id: string;
  trigger: SyncRunTrigger;
  startedAt: Date;
  added: number;
  enabled: number;
  disabled: number;
  updated: number;
  durationMs: number | null;
  status: string;
  error: string | null;
};

export async function listSyncRuns(db: DbClient, tenantId: string, environmentId: string, page: number): Promise<Paged<SyncRunRow>> {
  const where = { tenantId, environmentId };
  const total = await db.syncRun.count({ where });
  const current = Math.min(page, Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)));
  const rows = await db.syncRun.findMany({
    where,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * RUNS_PAGE_SIZE,
    take: RUNS_PAGE_SIZE,
    select: { id: true, trigger: true, startedAt: true, added: true, enabled: true, disabled: true, updated: true, durationMs: true, status: true, error: true },
  });
  return paged(rows, total, current, RUNS_PAGE_SIZE);
}

/** Security groups for the environment form's picker, by name. */
export async function listGroupOptions(db: DbClient, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db.securityGroup.findMany({ where: { tenantId }, orderBy: { nameKey: 'asc' }, select: { id: true, name: true }, take: 1000 });
}

export type DirectoryUserOption = { id: string; displayName: string; signInName: string; kind: string; accountEnabled: boolean };

/** Live directory users matching `q` (name or sign-in name), for Add user and Add non-interactive user. */
export async function searchDirectoryUsers(db: DbClient, tenantId: string, q: string, options: { kind?: 'nonInteractive'; limit?: number } = {}): Promise<DirectoryUserOption[]> {
  const text = Array.from(q.trim()).slice(0, MAX_QUERY_CHARS).join('');
  const pattern = contains(text);
  return db.$queryRaw<DirectoryUserOption[]>`
    SELECT "id"::text AS "id", "displayName", "signInName", "kind"::text AS "kind", "accountEnabled"
    FROM "User"
    WHERE "tenantId" = ${tenantId}::uuid AND "deletedAt" IS NULL
      ${options.kind ? Prisma.sql`AND "kind" = 'nonInteractive'` : Prisma.sql`AND "kind" <> 'stub'`}
      ${text ? Prisma.sql`AND ("displayName" ILIKE ${pattern} OR "signInName" ILIKE ${pattern})` : Prisma.empty}
    ORDER BY "displayName", "id"
    LIMIT ${options.limit ?? 20}`;
}

// ---------------------------------------------------------------------------
// A user's environments

export type UserEnvironmentLine = {
  environment: Environment;
  row: { isEnabled: boolean; accessMode: AccessMode; securityRoles: string[]; lastSyncedAt: Date | null } | null;
  /** What the background sync decides for this user (the engine's verdict). */
  verdict: EligibilityVerdict | null;
};

/** One line per environment of the tenant: the user's row, if any, and the engine's verdict. */
export async function listUserEnvironments(db: DbClient, tenantId: string, userId: string): Promise<UserEnvironmentLine[]> {
  const repo = prismaEnvironmentRepository(db);
  const environments = await repo.listForTenant(tenantId);
  const rows = await db.environmentUser.findMany({
    where: { tenantId, userId, environmentId: { in: environments.map((e) => e.id) } },
    select: { environmentId: true, isEnabled: true, accessMode: true, securityRoles: true, lastSyncedAt: true },
  });
  const lines: UserEnvironmentLine[] = [];
  for (const environment of environments) {
    const evaluation = await evaluateUser(repo, environment, userId, 'background');
    const row = rows.find((r) => r.environmentId === environment.id);
    lines.push({
      environment,
      row: row ? { isEnabled: row.isEnabled, accessMode: row.accessMode, securityRoles: row.securityRoles, lastSyncedAt: row.lastSyncedAt } : null,
      verdict: evaluation?.verdict ?? null,
    });
  }
  return lines;
}

export type MyEnvironmentLine = {
  id: string;
  name: string;
  type: Environment['type'];
  hasDataverse: boolean;
  state: 'enabled' | 'disabled' | 'notAdded';
  accessMode: AccessMode | null;
};

/** My environments: every environment of the user's tenant, with the user's state in each. */
export async function listMyEnvironments(db: DbClient, tenantId: string, userId: string): Promise<MyEnvironmentLine[]> {
  const [environments, rows] = await Promise.all([
    db.environment.findMany({ where: { tenantId }, orderBy: [{ nameKey: 'asc' }, { id: 'asc' }], select: { id: true, name: true, type: true, hasDataverse: true } }),
    db.environmentUser.findMany({ where: { tenantId, userId }, select: { environmentId: true, isEnabled: true, accessMode: true } }),
  ]);
  return environments.map((e) => {
    const row = rows.find((r) => r.environmentId === e.id);
    return { ...e, state: row ? (row.isEnabled ? 'enabled' : 'disabled') : 'notAdded', accessMode: row?.accessMode ?? null };
  });
}
