-- ---------------------------------------------------------------------------
-- Written by hand: indexes of the users list and the deleted users list
-- (src/server/queries/users-list.ts). schema.prisma cannot express partial,
-- expression or operator-class indexes, so none of these appear there, and the
-- snapshot beside this file is unchanged from the previous migration's.
--
-- Plain CREATE INDEX: migrations run in a transaction. On a large production
-- table, create them CONCURRENTLY by hand first; IF NOT EXISTS then skips them.
-- ---------------------------------------------------------------------------

-- Keyset pagination of live users, one index per sort of the list, each ending
-- in "id" (the tie-breaker). Read forward for ascending, backward for descending;
-- the list's row comparison (key, id) > (…, …) starts the scan at the cursor.
-- The display-name sort is case-insensitive, hence lower(). The sign-in name
-- sorts on "signInNameKey", which already is lower-cased.
CREATE INDEX IF NOT EXISTS "User_live_displayName_sort_idx"
  ON "User" ("tenantId", lower("displayName"), "id") WHERE "deletedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "User_live_signInName_sort_idx"
  ON "User" ("tenantId", "signInNameKey", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "User_live_createdAt_sort_idx"
  ON "User" ("tenantId", "createdAt", "id") WHERE "deletedAt" IS NULL;

-- Prefix search (1–2 characters typed): lower(column) LIKE 'ab%' becomes a range
-- scan only with text_pattern_ops under a non-C collation. The three branches of
-- the search's OR combine as a BitmapOr. ("Contains" search, 3+ characters, uses
-- the trigram index "User_search_trgm_idx" of the init migration.)
CREATE INDEX IF NOT EXISTS "User_live_displayName_prefix_idx"
  ON "User" ("tenantId", lower("displayName") text_pattern_ops) WHERE "deletedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "User_live_signInName_prefix_idx"
  ON "User" ("tenantId", "signInNameKey" text_pattern_ops) WHERE "deletedAt" IS NULL;
CREATE INDEX IF NOT EXISTS "User_live_alternateEmail_prefix_idx"
  ON "User" ("tenantId", lower("alternateEmail") text_pattern_ops) WHERE "deletedAt" IS NULL AND "alternateEmail" IS NOT NULL;

-- The deleted users list: newest deletion first, ties by id, keyset-paged; also
-- serves its count. Small: users stay deleted for 30 days before the purge.
CREATE INDEX IF NOT EXISTS "User_deleted_idx"
  ON "User" ("tenantId", "deletedAt" DESC, "id") WHERE "deletedAt" IS NOT NULL;
