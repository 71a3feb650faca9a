// Read models of the groups pages: the groups list (search, keyset paging, member
// and owner counts), a group's owners, user members and nested groups (each with
// search and paging), the "Add members" / "Add owners" pickers, a user's groups
// (direct and through nested groups) and the groups a user owns.
//
// Deleted users keep their memberships and ownerships (inactive, so that a restore
// brings them back): every list and count here shows live users only.
//
// Search: the user's text reaches PostgreSQL only as a bound parameter, with LIKE's
// %, _ and \ escaped. Paging: keyset on (sort key, id); a cursor is an opaque
// base64url string naming its list, the boundary row's key and id, and one that does
// not decode, or belongs to another list, counts as absent (first page).
import type { GroupRef } from '@/domain/groups/group';
import { isUuid } from '@/domain/shared/ids';
import { resolveUserGroups, type UserGroupMembership } from '@/domain/groups/membership';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';
import { prismaGroupRepository } from '../repositories/group-repository';
import { ascendingKeyset, clampPageSize, encodeCursor, escapeLike, pageDirection, toPage, type Page, type PageRequest } from './keyset';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_QUERY_CHARS = 100;
const CANDIDATE_LIMIT = 20;
/** Below this many characters a user search is a prefix match; from it, "contains" (trigram index). */
const CONTAINS_MIN_CHARS = 3;

export type { Page, PageRequest };

// ---------------------------------------------------------------------------
// Cursors, paging and search helpers
// ---------------------------------------------------------------------------

type CursorScope = 'groups' | 'members' | 'owners' | 'nested';

const pageSize = (size: number | undefined) => clampPageSize(size, { size: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });
const keyset = ascendingKeyset;

/** The page's rows without their sort key, the total, and cursors at the page's ends. */
function toGroupsPage<Row extends { sortKey: string; id: string }>(scope: CursorScope, fetched: Row[], size: number, backward: boolean, hadCursor: boolean, total: number): Page<Omit<Row, 'sortKey'>> {
  const page = toPage(fetched, size, backward, hadCursor, (row) => encodeCursor(scope, row.sortKey, row.id));
  return { rows: page.rows.map(({ sortKey: _sortKey, ...row }) => row), total, prevCursor: page.prevCursor, nextCursor: page.nextCursor };
}

export const capQuery = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? Array.from(trimmed).slice(0, MAX_QUERY_CHARS).join('') : undefined;
};

const containsPattern = (q: string) => Prisma.sql`('%' || lower(${escapeLike(q)}::text) || '%')`;

function groupSearch(alias: string, q: string | undefined): Prisma.Sql {
  if (!q) return Prisma.empty;
  const g = Prisma.raw(alias);
  return Prisma.sql` AND (${g}."nameKey" LIKE ${containsPattern(q)} OR lower(coalesce(${g}."description", '')) LIKE ${containsPattern(q)})`;
}

/** The users list's search (src/server/queries/users-list.ts), on the same indexes. */
function userSearch(q: string | undefined): Prisma.Sql {
  if (!q) return Prisma.empty;
  if (Array.from(q).length < CONTAINS_MIN_CHARS) {
    const prefix = Prisma.sql`(lower(${escapeLike(q)}::text) || '%')`;
    return Prisma.sql` AND (lower(u."displayName") LIKE ${prefix} OR u."signInNameKey" LIKE ${prefix} OR lower(u."alternateEmail") LIKE ${prefix})`;
  }
  // The expression of "User_search_trgm_idx", so that the trigram index serves it.
  return Prisma.sql` AND (lower(u."displayName") || ' ' || u."signInNameKey" || ' ' || coalesce(lower(u."alternateEmail"), '')) LIKE ${containsPattern(q)}`;
}

const liveUserCount = (table: 'GroupUserMember' | 'GroupOwner', groupColumn: Prisma.Sql) =>
  Prisma.sql`(SELECT count(*)::int FROM ${Prisma.raw(`"${table}"`)} x JOIN "User" xu ON xu."tenantId" = x."tenantId" AND xu."id" = x."userId" AND xu."deletedAt" IS NULL
              WHERE x."tenantId" = g."tenantId" AND x."groupId" = ${groupColumn})`;

// ---------------------------------------------------------------------------
// Groups list
// ---------------------------------------------------------------------------

export type GroupListRow = { id: string; name: string; description: string | null; userMemberCount: number; nestedGroupCount: number; ownerCount: number };
export type GroupListFilter = { q?: string; /** Only the groups this user owns (a group owner without admin roles). */ ownedBy?: string };

export async function listGroups(db: DbClient, tenantId: string, filter: GroupListFilter, page: PageRequest = {}): Promise<Page<GroupListRow>> {
  const size = pageSize(page.size);
  const q = capQuery(filter.q);
  const { cursor, backward } = pageDirection('groups', page);
  const owned = filter.ownedBy
    ? Prisma.sql` AND EXISTS (SELECT 1 FROM "GroupOwner" o WHERE o."tenantId" = g."tenantId" AND o."groupId" = g."id" AND o."userId" = ${filter.ownedBy}::uuid)`
    : Prisma.empty;
  const where = Prisma.sql`g."tenantId" = ${tenantId}::uuid${groupSearch('g', q)}${owned}`;
  const { orderBy, boundary } = keyset(Prisma.sql`g."nameKey"`, Prisma.sql`g."id"`, cursor, backward);
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<(GroupListRow & { sortKey: string })[]>(Prisma.sql`
      SELECT g."id", g."name", g."description", g."nameKey" AS "sortKey",
        ${liveUserCount('GroupUserMember', Prisma.sql`g."id"`)} AS "userMemberCount",
        (SELECT count(*)::int FROM "GroupNestedGroup" n WHERE n."tenantId" = g."tenantId" AND n."groupId" = g."id") AS "nestedGroupCount",
        ${liveUserCount('GroupOwner', Prisma.sql`g."id"`)} AS "ownerCount"
      FROM "SecurityGroup" g
      WHERE ${where}${boundary}
      ORDER BY ${orderBy}
      LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "SecurityGroup" g WHERE ${where}`),
  ]);
  return toGroupsPage('groups', fetched, size, backward, cursor !== null, count?.total ?? 0);
}

// ---------------------------------------------------------------------------
// One group
// ---------------------------------------------------------------------------

export type GroupDetail = {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
  /** Every owner, deleted users included: the authorisation reads it. */
  ownerIds: string[];
  counts: { userMembers: number; nestedGroups: number; owners: number; inactiveUserMembers: number; memberOf: number };
};

/** The group, or null when it does not exist in this tenant. */
export async function getGroupDetail(db: DbClient, tenantId: string, groupId: string): Promise<GroupDetail | null> {
  if (!isUuid(groupId)) return null;
  const row = await db.securityGroup.findFirst({
    where: { tenantId, id: groupId },
    select: { id: true, tenantId: true, name: true, description: true, rowVersion: true, createdAt: true, updatedAt: true, owners: { select: { userId: true, user: { select: { deletedAt: true } } } } },
  });
  if (!row) return null;
  const [userMembers, inactiveUserMembers, nestedGroups, memberOf] = await Promise.all([
    db.groupUserMember.count({ where: { tenantId, groupId, user: { deletedAt: null } } }),
    db.groupUserMember.count({ where: { tenantId, groupId, user: { deletedAt: { not: null } } } }),
    db.groupNestedGroup.count({ where: { tenantId, groupId } }),
    db.groupNestedGroup.count({ where: { tenantId, memberGroupId: groupId } }),
  ]);
  const { owners, ...group } = row;
  return {
    ...group,
    ownerIds: owners.map((o) => o.userId),
    counts: { userMembers, inactiveUserMembers, nestedGroups, memberOf, owners: owners.filter((o) => o.user.deletedAt === null).length },
  };
}

export type GroupUserRow = { id: string; displayName: string; signInName: string; accountEnabled: boolean };

async function listGroupUsers(db: DbClient, table: 'GroupUserMember' | 'GroupOwner', scope: CursorScope, tenantId: string, groupId: string, filter: { q?: string }, page: PageRequest): Promise<Page<GroupUserRow>> {
  const size = pageSize(page.size);
  const q = capQuery(filter.q);
  const { cursor, backward } = pageDirection(scope, page);
  const where = Prisma.sql`x."tenantId" = ${tenantId}::uuid AND x."groupId" = ${groupId}::uuid AND u."deletedAt" IS NULL${userSearch(q)}`;
  const from = Prisma.sql`FROM ${Prisma.raw(`"${table}"`)} x JOIN "User" u ON u."tenantId" = x."tenantId" AND u."id" = x."userId"`;
  const { orderBy, boundary } = keyset(Prisma.sql`lower(u."displayName")`, Prisma.sql`u."id"`, cursor, backward);
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<(GroupUserRow & { sortKey: string })[]>(Prisma.sql`
      SELECT u."id", u."displayName", u."signInName", u."accountEnabled", lower(u."displayName") AS "sortKey"
      ${from}
      WHERE ${where}${boundary}
      ORDER BY ${orderBy}
      LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return toGroupsPage(scope, fetched, size, backward, cursor !== null, count?.total ?? 0);
}

/** The group's direct user members (live users), by display name. */
export const listGroupMembers = (db: DbClient, tenantId: string, groupId: string, filter: { q?: string } = {}, page: PageRequest = {}) =>
  listGroupUsers(db, 'GroupUserMember', 'members', tenantId, groupId, filter, page);

/** The group's owners (live users), by display name. */
export const listGroupOwners = (db: DbClient, tenantId: string, groupId: string, filter: { q?: string } = {}, page: PageRequest = {}) =>
  listGroupUsers(db, 'GroupOwner', 'owners', tenantId, groupId, filter, page);

export type NestedGroupRow = { id: string; name: string; description: string | null; userMemberCount: number };

/** The groups that are members of this group, by name. */
export async function listNestedGroups(db: DbClient, tenantId: string, groupId: string, filter: { q?: string } = {}, page: PageRequest = {}): Promise<Page<NestedGroupRow>> {
  const size = pageSize(page.size);
  const q = capQuery(filter.q);
  const { cursor, backward } = pageDirection('nested', page);
  const from = Prisma.sql`FROM "GroupNestedGroup" n JOIN "SecurityGroup" g ON g."tenantId" = n."tenantId" AND g."id" = n."memberGroupId"`;
  const where = Prisma.sql`n."tenantId" = ${tenantId}::uuid AND n."groupId" = ${groupId}::uuid${groupSearch('g', q)}`;
  const { orderBy, boundary } = keyset(Prisma.sql`g."nameKey"`, Prisma.sql`g."id"`, cursor, backward);
  const [fetched, [count]] = await Promise.all([
    db.$queryRaw<(NestedGroupRow & { sortKey: string })[]>(Prisma.sql`
      SELECT g."id", g."name", g."description", g."nameKey" AS "sortKey", ${liveUserCount('GroupUserMember', Prisma.sql`g."id"`)} AS "userMemberCount"
      ${from}
      WHERE ${where}${boundary}
      ORDER BY ${orderBy}
      LIMIT ${size + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return toGroupsPage('nested', fetched, size, backward, cursor !== null, count?.total ?? 0);
}

/** The groups this group is a member of (one level up), by name; at most 100. */
export async function listParentGroups(db: DbClient, tenantId: string, groupId: string): Promise<GroupRef[]> {
  const rows = await db.groupNestedGroup.findMany({
    where: { tenantId, memberGroupId: groupId },
    select: { group: { select: { id: true, name: true, nameKey: true } } },
    orderBy: { group: { nameKey: 'asc' } },
    take: 100,
  });
  return rows.map((r) => ({ id: r.group.id, name: r.group.name }));
}

// ---------------------------------------------------------------------------
// Pickers of "Add members" and "Add owners"
// ---------------------------------------------------------------------------

export type UserCandidate = { id: string; displayName: string; signInName: string; already: boolean };
/** `cycle`: the candidate contains this group (directly or deeper), so it cannot be put inside it. */
export type GroupCandidate = { id: string; name: string; state: 'available' | 'member' | 'self' | 'cycle' };

/** Live users of the tenant matching `q` (the first ones by name when blank), each marked when already in the list. */
export async function searchUserCandidates(db: DbClient, tenantId: string, groupId: string, purpose: 'members' | 'owners', query: string | undefined): Promise<UserCandidate[]> {
  const q = capQuery(query);
  const table = Prisma.raw(purpose === 'members' ? '"GroupUserMember"' : '"GroupOwner"');
  return db.$queryRaw<UserCandidate[]>(Prisma.sql`
    SELECT u."id", u."displayName", u."signInName",
      EXISTS (SELECT 1 FROM ${table} x WHERE x."tenantId" = u."tenantId" AND x."groupId" = ${groupId}::uuid AND x."userId" = u."id") AS "already"
    FROM "User" u
    WHERE u."tenantId" = ${tenantId}::uuid AND u."deletedAt" IS NULL${userSearch(q)}
    ORDER BY lower(u."displayName") ASC, u."id" ASC
    LIMIT ${CANDIDATE_LIMIT}`);
}

/** Groups of the tenant matching `q`, each marked: already a member, this group, or one that would close a cycle. */
export async function searchGroupCandidates(db: DbClient, tenantId: string, groupId: string, query: string | undefined): Promise<GroupCandidate[]> {
  const q = capQuery(query);
  const [rows, above] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; member: boolean }[]>(Prisma.sql`
      SELECT g."id", g."name",
        EXISTS (SELECT 1 FROM "GroupNestedGroup" n WHERE n."tenantId" = g."tenantId" AND n."groupId" = ${groupId}::uuid AND n."memberGroupId" = g."id") AS "member"
      FROM "SecurityGroup" g
      WHERE g."tenantId" = ${tenantId}::uuid${groupSearch('g', q)}
      ORDER BY g."nameKey" ASC, g."id" ASC
      LIMIT ${CANDIDATE_LIMIT}`),
    prismaGroupRepository(db).nestingEdgesAbove(tenantId, [groupId]),
  ]);
  const containers = new Set(above.map((e) => e.parent.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.id === groupId ? 'self' : r.member ? 'member' : containers.has(r.id) ? 'cycle' : 'available',
  }));
}

// ---------------------------------------------------------------------------
// A user's groups, and the groups a user owns
// ---------------------------------------------------------------------------

/**
 * The live user's groups, direct ones first, each nested one with the user's direct
 * group it comes through; null when the user does not exist in the tenant or is deleted.
 */
export async function getUserGroups(db: DbClient, tenantId: string, userId: string): Promise<UserGroupMembership[] | null> {
  if (!isUuid(userId)) return null;
  const user = await db.user.findFirst({ where: { tenantId, id: userId, deletedAt: null }, select: { id: true } });
  if (!user) return null;
  const groups = prismaGroupRepository(db);
  const direct = await groups.directGroupsOfUser(tenantId, userId);
  const edges = direct.length ? await groups.nestingEdgesAbove(tenantId, direct.map((g) => g.id)) : [];
  return resolveUserGroups(direct, edges);
}

/** The ids of the groups the user owns in the tenant (for the shell's "Groups" link of owners). */
export async function ownedGroupIds(db: DbClient, tenantId: string, userId: string): Promise<string[]> {
  if (!isUuid(userId)) return [];
  const rows = await db.groupOwner.findMany({ where: { tenantId, userId }, select: { groupId: true } });
  return rows.map((r) => r.groupId);
}
