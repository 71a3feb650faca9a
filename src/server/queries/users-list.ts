// Read models of the users list and the deleted users list: search, filters, sort
// and keyset pagination, in SQL written against the indexes of
// prisma/migrations/*_users_list_indexes (and the trigram index of the init migration).
//
// Search: 1–2 characters match as a case-insensitive prefix of the display name,
// the sign-in name or the alternate email (text_pattern_ops indexes); 3 or more
// match anywhere in the trigram-indexed expression. The user's text only ever
// reaches PostgreSQL as a bound parameter, with LIKE's %, _ and \ escaped.
//
// Paging: keyset on (sort key, id). A cursor is an opaque base64url string naming
// the sort it belongs to, the boundary row's sort key and its id; one that does not
// decode, or belongs to another sort, is ignored (first page).
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { clampPageSize, encodeCursor, escapeLike, pageDirection, toPage, type Cursor, type Page, type PageRequest } from './keyset';

export const RESTORE_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_QUERY_CHARS = 100;
/** Below this many characters a search is a prefix match; from it, a "contains" match. */
const CONTAINS_MIN_CHARS = 3;

export type UserListSort = 'displayName' | 'signInName' | 'createdAt';
export type UserListFilter = {
  q?: string;
  status?: 'active' | 'blocked';
  kind?: 'member' | 'application' | 'nonInteractive' | 'stub';
  admin?: 'yes' | 'no';
  sort: UserListSort;
  dir: 'asc' | 'desc';
};

export type UserListRow = {
  id: string;
  displayName: string;
  signInName: string;
  accountEnabled: boolean;
  kind: string;
  /** Role ids, sorted. */
  roles: string[];
  /** Product names of the active licences, sorted. */
  licences: string[];
  createdAt: Date;
};

export type DeletedUserRow = {
  id: string;
  displayName: string;
  signInName: string;
  deletedAt: Date;
  deletedByName: string | null;
  /** deletedAt + RESTORE_WINDOW_DAYS: when the purge removes the user for good. */
  purgeAt: Date;
};


// ---------------------------------------------------------------------------
// The URL's state
// ---------------------------------------------------------------------------

const capChars = (value: string) => Array.from(value).slice(0, MAX_QUERY_CHARS).join('');

const ZUserListFilter = z.object({
  q: z.string().trim().transform(capChars).optional().catch(undefined),
  status: z.enum(['active', 'blocked']).optional().catch(undefined),
  kind: z.enum(['member', 'application', 'nonInteractive', 'stub']).optional().catch(undefined),
  admin: z.enum(['yes', 'no']).optional().catch(undefined),
  sort: z.enum(['displayName', 'signInName', 'createdAt']).catch('displayName'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
});

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The list's state from the URL's search params: unknown or invalid values are dropped. */
export function parseUserListFilter(params: Record<string, string | string[] | undefined>): UserListFilter {
  const parsed = ZUserListFilter.parse({
    q: firstValue(params.q),
    status: firstValue(params.status),
    kind: firstValue(params.kind),
    admin: firstValue(params.admin),
    sort: firstValue(params.sort),
    dir: firstValue(params.dir),
  });
  return {
    ...(parsed.q ? { q: parsed.q } : {}),
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.kind ? { kind: parsed.kind } : {}),
    ...(parsed.admin ? { admin: parsed.admin } : {}),
    sort: parsed.sort,
    dir: parsed.dir,
  };
}

// ---------------------------------------------------------------------------
// Cursors
// ---------------------------------------------------------------------------

const pageSize = (size: number | undefined) => clampPageSize(size, { size: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------


/** The same expression as "User_search_trgm_idx", so that the trigram index serves "contains". */
const SEARCH_EXPRESSION = Prisma.sql`(lower(u."displayName") || ' ' || u."signInNameKey" || ' ' || coalesce(lower(u."alternateEmail"), ''))`;

function searchCondition(q: string | undefined): Prisma.Sql {
  if (!q) return Prisma.empty;
  const text = escapeLike(q);
  if (Array.from(q).length < CONTAINS_MIN_CHARS) {
    // Each branch has its own (tenantId, lower(…) text_pattern_ops) index: a BitmapOr of three range scans.
    const prefix = Prisma.sql`(lower(${text}::text) || '%')`;
    return Prisma.sql` AND (lower(u."displayName") LIKE ${prefix} OR u."signInNameKey" LIKE ${prefix} OR lower(u."alternateEmail") LIKE ${prefix})`;
  }
  return Prisma.sql` AND ${SEARCH_EXPRESSION} LIKE ('%' || lower(${text}::text) || '%')`;
}

// ---------------------------------------------------------------------------
// Users list
// ---------------------------------------------------------------------------

/** Sort keys exactly as the partial (tenantId, key, id) indexes hold them. */
const SORT_KEYS: Record<UserListSort, Prisma.Sql> = {
  displayName: Prisma.sql`lower(u."displayName")`,
  signInName: Prisma.sql`u."signInNameKey"`,
  createdAt: Prisma.sql`u."createdAt"`,
};

const isContainsSearch = (filter: UserListFilter) => Boolean(filter.q && Array.from(filter.q).length >= CONTAINS_MIN_CHARS);

function userFilterConditions(tenantId: string, filter: UserListFilter): Prisma.Sql {
  const isAdmin = Prisma.sql`EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."tenantId" = ${tenantId}::uuid AND r."userId" = u."id")`;
  return Prisma.sql`u."tenantId" = ${tenantId}::uuid AND u."deletedAt" IS NULL${searchCondition(filter.q)}${
    filter.status === 'active' ? Prisma.sql` AND u."accountEnabled"` : filter.status === 'blocked' ? Prisma.sql` AND NOT u."accountEnabled"` : Prisma.empty
  }${filter.kind ? Prisma.sql` AND u."kind" = ${filter.kind}::"UserKind"` : Prisma.empty}${
    filter.admin === 'yes' ? Prisma.sql` AND ${isAdmin}` : filter.admin === 'no' ? Prisma.sql` AND NOT ${isAdmin}` : Prisma.empty
  }`;
}

/**
 * ORDER BY, and the row comparison that continues it from a cursor, over a sort key
 * and an id column (the table's, or the "contains" search's materialised matches).
 */
function keysetOn(key: Prisma.Sql, id: Prisma.Sql, filter: UserListFilter, cursor: Cursor | null, backward: boolean) {
  const ascending = (filter.dir === 'asc') !== backward;
  const orderBy = ascending ? Prisma.sql`${key} ASC, ${id} ASC` : Prisma.sql`${key} DESC, ${id} DESC`;
  if (!cursor) return { orderBy, after: Prisma.empty };
  const bound = filter.sort === 'createdAt' ? Prisma.sql`${cursor.key}::timestamptz` : Prisma.sql`${cursor.key}::text`;
  // A row comparison on (key, id): the btree starts right at the boundary.
  const after = ascending ? Prisma.sql`(${key}, ${id}) > (${bound}, ${cursor.id}::uuid)` : Prisma.sql`(${key}, ${id}) < (${bound}, ${cursor.id}::uuid)`;
  return { orderBy, after };
}

type UserSqlRow = Omit<UserListRow, 'roles' | 'licences'> & { sortKey: string | Date };
const USER_COLUMNS = (key: Prisma.Sql) =>
  Prisma.sql`u."id", u."displayName", u."signInName", u."accountEnabled", u."kind"::text AS "kind", u."createdAt", ${key} AS "sortKey"`;

async function countUsers(db: DbClient, tenantId: string, filter: UserListFilter): Promise<number> {
  const count = (f: UserListFilter) => Prisma.sql`(SELECT count(*) FROM "User" u WHERE ${userFilterConditions(tenantId, f)})`;
  // "No admin role" is nearly everyone, and an anti-join must read every user's id
  // from the heap; "all" minus "with an admin role" is two index-only counts. One
  // statement, so both counts see the same snapshot.
  const total = filter.admin === 'no' ? Prisma.sql`${count({ ...filter, admin: undefined })} - ${count({ ...filter, admin: 'yes' })}` : count(filter);
  const [row] = await db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT (${total})::int AS total`);
  return row?.total ?? 0;
}

/**
 * The page's rows (one look-ahead row included) and the total.
 *
 * List and prefix search: the page walks the sort index from the cursor while the
 * count runs beside it. "Contains" search: the trigram index finds the matches once
 * (MATERIALIZED, so the planner cannot trade it for a walk of the sort index that
 * filters every row, which its rough trigram estimates make tempting and which reads
 * the whole tenant when the text is rare); the page and the total both come from them.
 */
async function fetchUserPage(
  db: DbClient,
  tenantId: string,
  filter: UserListFilter,
  cursor: Cursor | null,
  backward: boolean,
  limit: number,
  withTotal = true,
): Promise<{ rows: UserSqlRow[]; total: number | null }> {
  const key = SORT_KEYS[filter.sort];
  if (isContainsSearch(filter)) {
    const page = keysetOn(Prisma.sql`m."sortKey"`, Prisma.sql`m."id"`, filter, cursor, backward);
    const rows = await db.$queryRaw<(UserSqlRow & { total: number })[]>(Prisma.sql`
      WITH m AS MATERIALIZED (
        SELECT ${USER_COLUMNS(key)} FROM "User" u WHERE ${userFilterConditions(tenantId, filter)}
      )
      SELECT m.*, (SELECT count(*)::int FROM m) AS "total"
      FROM m${cursor ? Prisma.sql` WHERE ${page.after}` : Prisma.empty}
      ORDER BY ${page.orderBy}
      LIMIT ${limit}`);
    // Past the last match there is no row to carry the total.
    const total = rows[0]?.total ?? (cursor && withTotal ? await countUsers(db, tenantId, filter) : 0);
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }
  const page = keysetOn(key, Prisma.sql`u."id"`, filter, cursor, backward);
  const [rows, total] = await Promise.all([
    db.$queryRaw<UserSqlRow[]>(Prisma.sql`
      SELECT ${USER_COLUMNS(key)}
      FROM "User" u
      WHERE ${userFilterConditions(tenantId, filter)}${cursor ? Prisma.sql` AND ${page.after}` : Prisma.empty}
      ORDER BY ${page.orderBy}
      LIMIT ${limit}`),
    withTotal ? countUsers(db, tenantId, filter) : null,
  ]);
  return { rows, total };
}

/** One page of live users matching the filter, with the count of all of them. */
export async function listUsers(db: DbClient, tenantId: string, filter: UserListFilter, page: PageRequest = {}): Promise<Page<UserListRow>> {
  const { total, ...rest } = await readUserPage(db, tenantId, filter, page, true);
  return { ...rest, total: total ?? 0 };
}

/**
 * The same pages without the count, for reading the whole list page after page (the
 * export): at 100,000 users, counting again for each of its 500 pages would cost more
 * than reading them.
 */
export async function walkUsers(db: DbClient, tenantId: string, filter: UserListFilter, page: PageRequest = {}): Promise<Omit<Page<UserListRow>, 'total'>> {
  const { total: _total, ...rest } = await readUserPage(db, tenantId, filter, page, false);
  return rest;
}

async function readUserPage(db: DbClient, tenantId: string, filter: UserListFilter, page: PageRequest, withTotal: boolean) {
  const size = pageSize(page.size);
  const { cursor, backward } = pageDirection(filter.sort, page, { timeKey: filter.sort === 'createdAt' });
  const fetched = await fetchUserPage(db, tenantId, filter, cursor, backward, size + 1, withTotal);
  const { rows, prevCursor, nextCursor } = toPage(fetched.rows, size, backward, cursor !== null, (row) => encodeCursor(filter.sort, row.sortKey, row.id));

  // Roles and licences of the page's rows: one round trip for both.
  const roles = new Map<string, string[]>();
  const licences = new Map<string, string[]>();
  if (rows.length > 0) {
    const extras = await db.$queryRaw<{ userId: string; kind: 'role' | 'licence'; name: string }[]>(Prisma.sql`
      SELECT r."userId"::text AS "userId", 'role' AS "kind", r."roleId" AS "name"
      FROM "RoleAssignment" r WHERE r."tenantId" = ${tenantId}::uuid AND r."userId" = ANY(${rows.map((r) => r.id)}::uuid[])
      UNION ALL
      SELECT a."userId"::text, 'licence', s."productName"
      FROM "LicenceAssignment" a JOIN "Subscription" s ON s."id" = a."subscriptionId"
      WHERE a."tenantId" = ${tenantId}::uuid AND a."suspendedAt" IS NULL AND a."userId" = ANY(${rows.map((r) => r.id)}::uuid[])
      ORDER BY 1, 2, 3`);
    for (const e of extras) {
      const map = e.kind === 'role' ? roles : licences;
      map.set(e.userId, [...(map.get(e.userId) ?? []), e.name]);
    }
  }
  return {
    rows: rows.map(({ sortKey: _sortKey, ...row }) => ({ ...row, roles: roles.get(row.id) ?? [], licences: licences.get(row.id) ?? [] })),
    total: fetched.total,
    nextCursor,
    prevCursor,
  };
}

/** The ids of every live user matching the filter (up to `limit`), in list order: "select all N matching". */
export async function listUserIdsMatching(db: DbClient, tenantId: string, filter: UserListFilter, limit: number): Promise<{ ids: string[]; total: number }> {
  const take = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
  if (take === 0) return { ids: [], total: await countUsers(db, tenantId, filter) };
  const { rows, total } = await fetchUserPage(db, tenantId, filter, null, false, take);
  return { ids: rows.map((r) => r.id), total: total ?? 0 };
}

// ---------------------------------------------------------------------------
// Deleted users
// ---------------------------------------------------------------------------

/** Deleted users not yet purged (the navigation's badge). */
export async function countDeletedUsers(db: DbClient, tenantId: string): Promise<number> {
  return db.user.count({ where: { tenantId, deletedAt: { not: null } } });
}

type DeletedSqlRow = Omit<DeletedUserRow, 'purgeAt'>;

/** Newest deletion first (ties by id), keyset-paged like the users list, with the same search. */
export async function listDeletedUsers(
  db: DbClient,
  tenantId: string,
  filter: { q?: string },
  page: PageRequest = {},
): Promise<Page<DeletedUserRow>> {
  const size = pageSize(page.size);
  const { cursor, backward } = pageDirection('deleted', page, { timeKey: true });
  const q = filter.q?.trim() ? capChars(filter.q.trim()) : undefined;
  const where = Prisma.sql`u."tenantId" = ${tenantId}::uuid AND u."deletedAt" IS NOT NULL${searchCondition(q)}`;
  // The index is ("tenantId", "deletedAt" DESC, "id"): the order mixes directions, so the
  // boundary is written out, with a plain range on deletedAt for the index to start from.
  let boundary = Prisma.empty;
  if (cursor) {
    const at = Prisma.sql`${cursor.key}::timestamptz`;
    const id = Prisma.sql`${cursor.id}::uuid`;
    boundary = backward
      ? Prisma.sql` AND u."deletedAt" >= ${at} AND (u."deletedAt" > ${at} OR u."id" < ${id})`
      : Prisma.sql` AND u."deletedAt" <= ${at} AND (u."deletedAt" < ${at} OR u."id" > ${id})`;
  }
  const orderBy = backward ? Prisma.sql`u."deletedAt" ASC, u."id" DESC` : Prisma.sql`u."deletedAt" DESC, u."id" ASC`;
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<DeletedSqlRow[]>(Prisma.sql`
      SELECT u."id", u."displayName", u."signInName", u."deletedAt", u."deletedByName"
      FROM "User" u
      WHERE ${where}${boundary}
      ORDER BY ${orderBy}
      LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "User" u WHERE ${where}`),
  ]);
  const { rows, prevCursor, nextCursor } = toPage(fetched, size, backward, cursor !== null, (row) => encodeCursor('deleted', row.deletedAt, row.id));
  return {
    rows: rows.map((row) => ({ ...row, purgeAt: new Date(row.deletedAt.getTime() + RESTORE_WINDOW_DAYS * DAY_MS) })),
    total: count?.total ?? 0,
    nextCursor,
    prevCursor,
  };
}
