// Keyset pagination shared by the read models: opaque cursors naming the boundary
// row's sort key and id, the direction of a page request, and the page's ends.
// Paging by (key, id) row comparison lets the btree start right at the boundary,
// so page 1,000 costs what page 1 costs.
import { z } from 'zod';
import { isUuid } from '@/domain/shared/ids';
import { Prisma } from '@/generated/prisma/client';

export type PageRequest = { after?: string; before?: string; size?: number };
export type Cursor = { key: string; id: string };
export type Page<Row> = { rows: Row[]; total: number; nextCursor: string | null; prevCursor: string | null };

const ZCursor = z.tuple([z.string().max(100), z.string().max(1000), z.string().refine(isUuid)]);

/** A cursor is scoped (a sort, a list) so that one list's cursor is never read as another's. */
export const encodeCursor = (scope: string, key: string | Date, id: string) =>
  Buffer.from(JSON.stringify([scope, key instanceof Date ? key.toISOString() : key, id]), 'utf8').toString('base64url');

/** null for a malformed cursor or one of another scope: it counts as absent. */
export function decodeCursor(scope: string, cursor: string | undefined, options: { timeKey?: boolean } = {}): Cursor | null {
  if (!cursor || cursor.length > 2000) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = ZCursor.safeParse(json);
  if (!parsed.success) return null;
  const [cursorScope, key, id] = parsed.data;
  if (cursorScope !== scope) return null;
  if (options.timeKey) {
    const time = Date.parse(key);
    if (Number.isNaN(time)) return null;
    return { key: new Date(time).toISOString(), id: id.toLowerCase() };
  }
  return { key, id: id.toLowerCase() };
}

/** `after` wins when both are given. */
export function pageDirection(scope: string, page: PageRequest, options: { timeKey?: boolean } = {}): { cursor: Cursor | null; backward: boolean } {
  const after = decodeCursor(scope, page.after, options);
  if (after) return { cursor: after, backward: false };
  const before = decodeCursor(scope, page.before, options);
  if (before) return { cursor: before, backward: true };
  return { cursor: null, backward: false };
}

export const clampPageSize = (size: number | undefined, defaults: { size: number; max: number }) =>
  size === undefined || !Number.isFinite(size) ? defaults.size : Math.min(defaults.max, Math.max(1, Math.floor(size)));

/**
 * Trims the look-ahead row and orders the page; the cursors point at its first and
 * last rows. Going forward there is a previous page whenever we came from a cursor;
 * going backward there is a next page (the cursor's row) by construction.
 */
export function toPage<Row>(fetched: Row[], size: number, backward: boolean, hadCursor: boolean, cursorOf: (row: Row) => string) {
  const hasMore = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backward) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    prevCursor: (backward ? hasMore : hadCursor) && first ? cursorOf(first) : null,
    nextCursor: (backward ? true : hasMore) && last ? cursorOf(last) : null,
  };
}

/** LIKE's wildcards and its escape character (backslash) taken literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** ORDER BY (key, id) ascending (descending when paging backwards) and the boundary after a text-keyed cursor. */
export function ascendingKeyset(key: Prisma.Sql, id: Prisma.Sql, cursor: Cursor | null, backward: boolean) {
  const orderBy = backward ? Prisma.sql`${key} DESC, ${id} DESC` : Prisma.sql`${key} ASC, ${id} ASC`;
  if (!cursor) return { orderBy, boundary: Prisma.empty };
  const bound = Prisma.sql`(${cursor.key}::text, ${cursor.id}::uuid)`;
  return { orderBy, boundary: backward ? Prisma.sql` AND (${key}, ${id}) < ${bound}` : Prisma.sql` AND (${key}, ${id}) > ${bound}` };
}
