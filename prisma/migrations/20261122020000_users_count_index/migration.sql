-- ---------------------------------------------------------------------------
-- Written by hand: an index for the users list's "N matching" count
-- (src/server/queries/users-list.ts). schema.prisma cannot express a partial
-- index, so the snapshot beside this file is the previous migration's.
--
-- Without it, counting a tenant's live users reads the whole heap: at 100,000
-- users that is ~45 ms on every page of the list, where the page itself takes
-- well under 1 ms. Its keys repeat (one tenant, two states, four kinds), so
-- btree deduplication keeps it small (~0.7 MB at 100,000 users) and the count,
-- with or without the status and kind filters, is an index-only scan (~8 ms).
-- ---------------------------------------------------------------------------
CREATE INDEX IF NOT EXISTS "User_live_count_idx"
  ON "User" ("tenantId", "accountEnabled", "kind") WHERE "deletedAt" IS NULL;
