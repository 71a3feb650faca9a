// Read models of the licence pages: the tenant's subscriptions with their seats,
// a subscription's assigned users (search, keyset paging), the users one may pick
// for a bulk assignment, and a user's licences. Every query names the tenant; a
// subscription or user of another tenant is simply not there (null / empty).
//
// Consumed seats are the active (unsuspended) assignments: a deleted user's
// assignments are suspended and hold no seat (domain.md §3, §4).
import { available, type SubscriptionFlags } from '@/domain/licences/subscription';
import { isUuid } from '@/domain/shared/ids';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { ascendingKeyset, clampPageSize, encodeCursor, escapeLike, pageDirection, toPage, type Page, type PageRequest } from './keyset';
import { listUsers, type UserListFilter, type UserListRow } from './users-list';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_QUERY_CHARS = 100;

export type SubscriptionSummary = {
  id: string;
  productName: string;
  seats: number;
  consumed: number;
  available: number;
  flags: SubscriptionFlags;
};

export type AssigneeRow = { userId: string; displayName: string; signInName: string; accountEnabled: boolean; assignedAt: Date };

export type CandidateRow = UserListRow & { usageLocation: string | null; hasLicence: boolean };

export type UserLicenceRow = { subscriptionId: string; productName: string; assignedAt: Date; flags: SubscriptionFlags };

export type { Page };

// ---------------------------------------------------------------------------
// Keyset paging on (lower(name), id), with opaque cursors
// ---------------------------------------------------------------------------

const pageSize = (size: number | undefined) => clampPageSize(size, { size: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });

/** ORDER BY and the boundary for a page after or before a cursor of this list (`after` wins). */
function keyset(scope: string, key: Prisma.Sql, id: Prisma.Sql, page: PageRequest) {
  const { cursor, backward } = pageDirection(scope, page);
  return { ...ascendingKeyset(key, id, cursor, backward), backward, hadCursor: cursor !== null };
}

/** LIKE's wildcards and its escape character taken literally; the text is capped. */
const containsPattern = (q: string) => `%${escapeLike(Array.from(q.trim().toLowerCase()).slice(0, MAX_QUERY_CHARS).join(''))}%`;

// ---------------------------------------------------------------------------
// Subscriptions
// ---------------------------------------------------------------------------

type SubscriptionSqlRow = { id: string; productName: string; seats: number; consumed: number; nameKey: string } & SubscriptionFlags;

const toSummary = (row: SubscriptionSqlRow): SubscriptionSummary => ({
  id: row.id,
  productName: row.productName,
  seats: row.seats,
  consumed: row.consumed,
  available: available(row),
  flags: { grantsDataverse: row.grantsDataverse, freeDataversePlan: row.freeDataversePlan, tenantMarketing: row.tenantMarketing },
});

const SUBSCRIPTION_SELECT = Prisma.sql`
  SELECT s."id"::text AS "id", s."productName", lower(s."productName") AS "nameKey", s."seats", s."grantsDataverse", s."freeDataversePlan", s."tenantMarketing",
    (SELECT count(*)::int FROM "LicenceAssignment" a WHERE a."subscriptionId" = s."id" AND a."suspendedAt" IS NULL) AS "consumed"
  FROM "Subscription" s`;

/** A page of the tenant's subscriptions by product name, optionally searched by product name. */
export async function listSubscriptions(db: DbClient, tenantId: string, filter: { q?: string } = {}, page: PageRequest = {}): Promise<Page<SubscriptionSummary>> {
  if (!isUuid(tenantId)) return { rows: [], total: 0, nextCursor: null, prevCursor: null };
  const size = pageSize(page.size);
  const search = filter.q?.trim() ? Prisma.sql` AND lower(s."productName") LIKE ${containsPattern(filter.q)}` : Prisma.empty;
  const where = Prisma.sql`s."tenantId" = ${tenantId}::uuid${search}`;
  const { orderBy, boundary, backward, hadCursor } = keyset('subscriptions', Prisma.sql`lower(s."productName")`, Prisma.sql`s."id"`, page);
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<SubscriptionSqlRow[]>(Prisma.sql`${SUBSCRIPTION_SELECT} WHERE ${where}${boundary} ORDER BY ${orderBy} LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "Subscription" s WHERE ${where}`),
  ]);
  const { rows, prevCursor, nextCursor } = toPage(fetched, size, backward, hadCursor, (row) => encodeCursor('subscriptions', row.nameKey, row.id));
  return { rows: rows.map(toSummary), total: count?.total ?? 0, nextCursor, prevCursor };
}

/** Every subscription of the tenant (the assign dialog's choices), by product name. */
export async function listAllSubscriptions(db: DbClient, tenantId: string): Promise<SubscriptionSummary[]> {
  if (!isUuid(tenantId)) return [];
  const rows = await db.$queryRaw<SubscriptionSqlRow[]>(
    Prisma.sql`${SUBSCRIPTION_SELECT} WHERE s."tenantId" = ${tenantId}::uuid ORDER BY lower(s."productName"), s."id" LIMIT 500`,
  );
  return rows.map(toSummary);
}

export async function getSubscriptionSummary(db: DbClient, tenantId: string, subscriptionId: string): Promise<SubscriptionSummary | null> {
  if (!isUuid(tenantId) || !isUuid(subscriptionId)) return null;
  const [row] = await db.$queryRaw<SubscriptionSqlRow[]>(
    Prisma.sql`${SUBSCRIPTION_SELECT} WHERE s."tenantId" = ${tenantId}::uuid AND s."id" = ${subscriptionId}::uuid`,
  );
  return row ? toSummary(row) : null;
}

// ---------------------------------------------------------------------------
// A subscription's assigned users
// ---------------------------------------------------------------------------

type AssigneeSqlRow = AssigneeRow & { nameKey: string };

/** Live users holding an active licence of the subscription, by display name, searchable by name or sign-in name. */
export async function listSubscriptionAssignees(
  db: DbClient,
  tenantId: string,
  subscriptionId: string,
  filter: { q?: string } = {},
  page: PageRequest = {},
): Promise<Page<AssigneeRow>> {
  if (!isUuid(tenantId) || !isUuid(subscriptionId)) return { rows: [], total: 0, nextCursor: null, prevCursor: null };
  const size = pageSize(page.size);
  const search = filter.q?.trim()
    ? Prisma.sql` AND (lower(u."displayName") || ' ' || u."signInNameKey") LIKE ${containsPattern(filter.q)}`
    : Prisma.empty;
  const where = Prisma.sql`a."tenantId" = ${tenantId}::uuid AND a."subscriptionId" = ${subscriptionId}::uuid AND a."suspendedAt" IS NULL AND u."deletedAt" IS NULL${search}`;
  const from = Prisma.sql`FROM "LicenceAssignment" a JOIN "User" u ON u."tenantId" = a."tenantId" AND u."id" = a."userId"`;
  const { orderBy, boundary, backward, hadCursor } = keyset('assignees', Prisma.sql`lower(u."displayName")`, Prisma.sql`u."id"`, page);
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<AssigneeSqlRow[]>(Prisma.sql`
      SELECT u."id"::text AS "userId", u."displayName", u."signInName", u."accountEnabled", a."assignedAt", lower(u."displayName") AS "nameKey"
      ${from} WHERE ${where}${boundary} ORDER BY ${orderBy} LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  const { rows, prevCursor, nextCursor } = toPage(fetched, size, backward, hadCursor, (row) => encodeCursor('assignees', row.nameKey, row.userId));
  return { rows: rows.map(({ nameKey: _nameKey, ...row }) => row), total: count?.total ?? 0, nextCursor, prevCursor };
}

// ---------------------------------------------------------------------------
// Users to pick for a bulk assignment: the users list, with who holds it already
// ---------------------------------------------------------------------------

export async function listAssignmentCandidates(
  db: DbClient,
  tenantId: string,
  subscriptionId: string,
  filter: UserListFilter,
  page: PageRequest = {},
): Promise<Page<CandidateRow>> {
  if (!isUuid(tenantId) || !isUuid(subscriptionId)) return { rows: [], total: 0, nextCursor: null, prevCursor: null };
  const users = await listUsers(db, tenantId, filter, page);
  const ids = users.rows.map((r) => r.id);
  const [holders, locations] = ids.length
    ? await Promise.all([
        db.licenceAssignment.findMany({ where: { tenantId, subscriptionId, suspendedAt: null, userId: { in: ids } }, select: { userId: true } }),
        db.user.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, usageLocation: true } }),
      ])
    : [[], []];
  const holding = new Set(holders.map((h) => h.userId));
  const locationOf = new Map(locations.map((l) => [l.id, l.usageLocation]));
  return { ...users, rows: users.rows.map((row) => ({ ...row, usageLocation: locationOf.get(row.id) ?? null, hasLicence: holding.has(row.id) })) };
}

/** Display names of the tenant's users (deleted ones included), for reports that list user ids. */
export async function userNames(db: DbClient, tenantId: string, userIds: readonly string[]): Promise<Record<string, string>> {
  const ids = [...new Set(userIds.filter(isUuid))].slice(0, 1000);
  if (!isUuid(tenantId) || !ids.length) return {};
  const rows = await db.user.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, displayName: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.displayName]));
}

// ---------------------------------------------------------------------------
// A user's licences
// ---------------------------------------------------------------------------

export async function listUserLicences(db: DbClient, tenantId: string, userId: string): Promise<UserLicenceRow[]> {
  if (!isUuid(tenantId) || !isUuid(userId)) return [];
  const rows = await db.licenceAssignment.findMany({
    where: { tenantId, userId, suspendedAt: null },
    select: {
      subscriptionId: true,
      assignedAt: true,
      subscription: { select: { productName: true, grantsDataverse: true, freeDataversePlan: true, tenantMarketing: true } },
    },
    orderBy: { subscription: { productName: 'asc' } },
  });
  return rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    productName: r.subscription.productName,
    assignedAt: r.assignedAt,
    flags: { grantsDataverse: r.subscription.grantsDataverse, freeDataversePlan: r.subscription.freeDataversePlan, tenantMarketing: r.subscription.tenantMarketing },
  }));
}
