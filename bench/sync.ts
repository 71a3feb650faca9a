// npm run bench:sync — the environment sync at 100,000 users in one tenant.
// A database of its own (created, migrated, dropped at the end): one set-based
// INSERT … SELECT generate_series of users, licences and group memberships spread
// over them, a production environment whose security group holds half of them.
// Prints the full background sync of a fresh environment (median of BENCH_RUNS,
// each on a fresh copy of the environment), a background re-sync with nothing to
// do, and an incremental sync after one user's licence changes (the per-user run
// requestUserSync starts); then the floor: ONE set-based SQL statement that
// computes the same eligibility (background trigger) and upserts the same rows,
// run on fresh copies as well, and checked to leave exactly the rows the sync left.
// Last line: ratio: <full sync ÷ that statement> (goal ≤ 3; full sync under 10 s).
import { syncEnvironment, syncUsers } from '../src/server/environments/sync-service';
import { loadProjectEnv } from '../src/server/cli/load-env';
import { createPrismaClient, type Db } from '../src/server/db/client';
import { dropDatabase, ensureDatabaseExists, resolveDatabase } from '../src/server/db/database-url';
import { migrate } from '../src/server/db/migrations';
import { LICENCE_EXEMPT_ROLES, GROUP_EXEMPT_ROLES } from '../src/domain/environments/eligibility';
import { median, ms } from './stats';

loadProjectEnv(false);
const USERS = Number(process.env.BENCH_USERS || 100_000);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const DOMAIN = 'sync-bench.example';
const log = (line: string) => console.error(`[bench] ${line}`);

const database = `bench_sync_${process.pid}`;
const target = await resolveDatabase({ database, log });
const serverUrl = new URL(target.url);
serverUrl.pathname = '/postgres';
await ensureDatabaseExists(serverUrl.toString(), database);
let prisma: Db | null = null;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** 100,000 users in one statement, then roles, licences, groups and nestings, each one set-based statement. */
async function seed(db: Db) {
  const tenant = await db.tenant.create({ data: { name: 'Sync Bench', kind: 'customer', primaryDomain: DOMAIN, domains: { create: [{ name: DOMAIN }] } }, select: { id: true } });
  const t = tenant.id;
  await db.$executeRaw`
    INSERT INTO "User" ("id", "tenantId", "kind", "signInName", "signInNameKey", "displayName", "firstName", "lastName", "jobTitle",
                        "officePhone", "city", "countryOrRegion", "usageLocation", "accountEnabled", "deletedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${t}::uuid, (CASE WHEN g % 89 = 0 THEN 'stub' ELSE 'member' END)::"UserKind",
           'user' || g || '@' || ${DOMAIN}, 'user' || g || '@' || ${DOMAIN}, 'User ' || g,
           CASE WHEN g % 17 = 0 THEN NULL ELSE 'First' || g END, 'Last' || g,
           (ARRAY['Engineer','Analyst','Sales Manager','Accountant','Designer','Consultant'])[1 + g % 6],
           '+46 8 ' || lpad((g % 10000)::text, 4, '0'),
           (ARRAY['Stockholm','Berlin','Lagos','Madrid','Seattle','Tokyo'])[1 + g % 6], 'Sweden', 'SE',
           g % 29 <> 0, CASE WHEN g % 97 = 0 THEN now() END, now() - make_interval(mins => g), now()
    FROM generate_series(1, ${USERS}::int) AS g`;
  await db.$executeRaw`
    INSERT INTO "RoleAssignment" ("tenantId", "userId", "roleId")
    SELECT u."tenantId", u."id", (ARRAY['globalAdministrator','powerPlatformAdministrator','dynamics365Administrator','userAdministrator'])[1 + u.n % 4]
    FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "id") AS n FROM "User" WHERE "tenantId" = ${t}::uuid) AS u
    WHERE u.n % 500 = 0`;
  const sales = await db.subscription.create({ data: { tenantId: t, productName: 'Dynamics 365 Sales Enterprise', seats: USERS, grantsDataverse: true }, select: { id: true } });
  const e3 = await db.subscription.create({ data: { tenantId: t, productName: 'Office 365 E3', seats: USERS, freeDataversePlan: true }, select: { id: true } });
  // 60 % hold a Dataverse licence, a third an office licence with the free plan.
  await db.$executeRaw`
    INSERT INTO "LicenceAssignment" ("tenantId", "subscriptionId", "userId")
    SELECT u."tenantId", ${sales.id}::uuid, u."id" FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "User" WHERE "tenantId" = ${t}::uuid) u
    WHERE u.n % 10 < 6`;
  await db.$executeRaw`
    INSERT INTO "LicenceAssignment" ("tenantId", "subscriptionId", "userId")
    SELECT u."tenantId", ${e3.id}::uuid, u."id" FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "User" WHERE "tenantId" = ${t}::uuid) u
    WHERE u.n % 3 = 0`;
  const group = (name: string) => db.securityGroup.create({ data: { tenantId: t, name, nameKey: name.toLowerCase() }, select: { id: true } });
  const salesTeam = await group('Sales Team');
  const emea = await group('Sales EMEA');
  const finance = await group('Finance');
  await db.groupNestedGroup.create({ data: { tenantId: t, groupId: salesTeam.id, memberGroupId: emea.id } });
  // Half are direct members of the environment's group; a seventh are in the nested group; a fifth in another.
  const members = (groupId: string, every: number, rest: number) => db.$executeRaw`
    INSERT INTO "GroupUserMember" ("tenantId", "groupId", "userId")
    SELECT u."tenantId", ${groupId}::uuid, u."id" FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "User" WHERE "tenantId" = ${t}::uuid) u
    WHERE u.n % ${every}::int = ${rest}::int`;
  await db.$executeRaw`
    INSERT INTO "GroupUserMember" ("tenantId", "groupId", "userId")
    SELECT u."tenantId", ${salesTeam.id}::uuid, u."id" FROM (SELECT "tenantId", "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "User" WHERE "tenantId" = ${t}::uuid) u
    WHERE u.n % 2 = 0`;
  await members(emea.id, 7, 3);
  await members(finance.id, 5, 1);
  await db.$executeRaw`
    INSERT INTO "GroupOwner" ("tenantId", "groupId", "userId")
    SELECT "tenantId", ${salesTeam.id}::uuid, "id" FROM "User" WHERE "tenantId" = ${t}::uuid ORDER BY "createdAt" LIMIT 20`;
  await db.$executeRaw`ANALYZE`;
  return { tenantId: t, groupId: salesTeam.id };
}

let copies = 0;
async function newEnvironment(db: Db, tenantId: string, groupId: string) {
  const name = `Bench Production ${++copies}`;
  return db.environment.create({
    data: { tenantId, name, nameKey: name.toLowerCase(), type: 'production', hasDataverse: true, securityGroupId: groupId, hasSalesApp: true },
    select: { id: true },
  });
}

/**
 * The floor: one statement that reads every input once (users, roles, licences, the
 * group's direct members, the environment's existing rows), decides eligibility for
 * the background trigger (R1 account; R2 licence of the tenant with Dataverse, or a
 * Global/Power Platform/Dynamics 365 administrator; R3 direct member of the group, or
 * a Global/Power Platform administrator; production, so R4 passes) and upserts:
 * eligible users get an enabled row with their access mode, an existing row of an
 * ineligible user is disabled; the profile fields are copied (full name and primary
 * email only on insert, '#' for an empty first name).
 */
async function floorStatement(db: Db, tenantId: string, environmentId: string, groupId: string, now: Date) {
  return db.$executeRaw`
    WITH roles AS (
      SELECT "userId", bool_or("roleId" = ANY(${[...LICENCE_EXEMPT_ROLES]}::text[])) AS "licenceExempt",
             bool_or("roleId" = ANY(${[...GROUP_EXEMPT_ROLES]}::text[])) AS "groupExempt"
      FROM "RoleAssignment" WHERE "tenantId" = ${tenantId}::uuid GROUP BY "userId"
    ), licensed AS (
      SELECT DISTINCT la."userId" FROM "LicenceAssignment" la
      JOIN "Subscription" s ON s."tenantId" = la."tenantId" AND s."id" = la."subscriptionId"
      WHERE la."tenantId" = ${tenantId}::uuid AND la."suspendedAt" IS NULL AND s."grantsDataverse"
    ), members AS (
      SELECT "userId" FROM "GroupUserMember" WHERE "tenantId" = ${tenantId}::uuid AND "groupId" = ${groupId}::uuid
    ), existing AS (
      SELECT "userId" FROM "EnvironmentUser" WHERE "environmentId" = ${environmentId}::uuid AND "userId" IS NOT NULL
    ), decided AS (
      SELECT u.*, (l."userId" IS NOT NULL) AS "hasLicence",
             (u."accountEnabled" AND u."deletedAt" IS NULL AND u."kind" <> 'stub'
              AND (l."userId" IS NOT NULL OR coalesce(r."licenceExempt", false))
              AND (m."userId" IS NOT NULL OR coalesce(r."groupExempt", false))) AS "eligible",
             (x."userId" IS NOT NULL) AS "hasRow"
      FROM "User" u
      LEFT JOIN roles r ON r."userId" = u."id"
      LEFT JOIN licensed l ON l."userId" = u."id"
      LEFT JOIN members m ON m."userId" = u."id"
      LEFT JOIN existing x ON x."userId" = u."id"
      WHERE u."tenantId" = ${tenantId}::uuid
    )
    INSERT INTO "EnvironmentUser" ("id", "tenantId", "environmentId", "userId", "kind", "isEnabled", "accessMode", "securityRoles", "createdVia",
                                   "lastSyncedAt", "signInName", "fullName", "firstName", "lastName", "jobTitle", "officePhone", "mobilePhone",
                                   "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion", "primaryEmail", "internalEmail",
                                   "objectId", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), d."tenantId", ${environmentId}::uuid, d."id", 'user', d."eligible",
           (CASE WHEN d."hasLicence" THEN 'ReadWrite' ELSE 'Administrative' END)::"AccessMode", ARRAY[]::text[], 'backgroundSync',
           ${now}, d."signInName", d."displayName", coalesce(nullif(btrim(d."firstName"), ''), '#'), d."lastName", d."jobTitle",
           d."officePhone", d."mobilePhone", d."streetAddress", d."city", d."stateOrProvince", d."postalCode", d."countryOrRegion",
           d."signInName", d."signInName", d."id"::text, ${now}, ${now}
    FROM decided d
    WHERE d."eligible" OR d."hasRow"
    ON CONFLICT ("environmentId", "userId") DO UPDATE SET
      "isEnabled" = EXCLUDED."isEnabled",
      "accessMode" = CASE WHEN EXCLUDED."isEnabled" THEN EXCLUDED."accessMode" ELSE "EnvironmentUser"."accessMode" END,
      "signInName" = EXCLUDED."signInName", "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName",
      "jobTitle" = EXCLUDED."jobTitle", "officePhone" = EXCLUDED."officePhone", "mobilePhone" = EXCLUDED."mobilePhone",
      "streetAddress" = EXCLUDED."streetAddress", "city" = EXCLUDED."city", "stateOrProvince" = EXCLUDED."stateOrProvince",
      "postalCode" = EXCLUDED."postalCode", "countryOrRegion" = EXCLUDED."countryOrRegion",
      "internalEmail" = CASE WHEN "EnvironmentUser"."internalEmailEditedInEnvironment" THEN "EnvironmentUser"."internalEmail" ELSE EXCLUDED."internalEmail" END,
      "objectId" = EXCLUDED."objectId", "lastSyncedAt" = EXCLUDED."lastSyncedAt", "updatedAt" = EXCLUDED."updatedAt"
    WHERE ("EnvironmentUser"."isEnabled", "EnvironmentUser"."accessMode", "EnvironmentUser"."signInName", "EnvironmentUser"."firstName",
           "EnvironmentUser"."lastName", "EnvironmentUser"."jobTitle", "EnvironmentUser"."officePhone", "EnvironmentUser"."mobilePhone",
           "EnvironmentUser"."streetAddress", "EnvironmentUser"."city", "EnvironmentUser"."stateOrProvince", "EnvironmentUser"."postalCode",
           "EnvironmentUser"."countryOrRegion", "EnvironmentUser"."objectId")
      IS DISTINCT FROM (EXCLUDED."isEnabled", EXCLUDED."accessMode", EXCLUDED."signInName", EXCLUDED."firstName", EXCLUDED."lastName",
           EXCLUDED."jobTitle", EXCLUDED."officePhone", EXCLUDED."mobilePhone", EXCLUDED."streetAddress", EXCLUDED."city",
           EXCLUDED."stateOrProvince", EXCLUDED."postalCode", EXCLUDED."countryOrRegion", EXCLUDED."objectId")`;
}

/** The user rows of an environment as (user, enabled, access mode), to compare the sync with the floor. */
async function rowSet(db: Db, environmentId: string) {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT "userId"::text || ':' || "isEnabled"::text || ':' || "accessMode"::text || ':' || coalesce("firstName", '') AS "key"
    FROM "EnvironmentUser" WHERE "environmentId" = ${environmentId}::uuid AND "kind" = 'user' ORDER BY 1`;
  return rows.map((r) => r.key);
}

try {
  await migrate(target.url);
  prisma = createPrismaClient(target.url, 4);
  const db = prisma;
  log(`seeding ${USERS.toLocaleString('en')} users…`);
  const seeded = await timed(() => seed(db));
  const { tenantId, groupId } = seeded.value;
  log(`seeded in ${ms(seeded.ms)}`);

  // Warm up the code paths (JIT, plan cache) on a throwaway environment.
  const warm = await newEnvironment(db, tenantId, groupId);
  await syncEnvironment(db, tenantId, warm.id, 'background');
  const floorWarm = await newEnvironment(db, tenantId, groupId);
  await floorStatement(db, tenantId, floorWarm.id, groupId, new Date());

  const fullTimes: number[] = [];
  const floorTimes: number[] = [];
  let synced = warm.id;
  let added = 0;
  for (let run = 0; run < RUNS; run++) {
    const environment = await newEnvironment(db, tenantId, groupId);
    const full = await timed(() => syncEnvironment(db, tenantId, environment.id, 'background'));
    fullTimes.push(full.ms);
    added = full.value?.counts.added ?? 0;
    synced = environment.id;
    const floorEnvironment = await newEnvironment(db, tenantId, groupId);
    const floor = await timed(() => floorStatement(db, tenantId, floorEnvironment.id, groupId, new Date()));
    floorTimes.push(floor.ms);
    if (run === 0) {
      const [a, b] = await Promise.all([rowSet(db, environment.id), rowSet(db, floorEnvironment.id)]);
      if (a.length !== b.length || a.some((key, i) => key !== b[i])) throw new Error(`the floor statement left ${b.length} rows, the sync ${a.length}: they must be the same`);
      log(`the floor statement leaves exactly the sync's ${a.length.toLocaleString('en')} rows`);
    }
    await db.$executeRaw`VACUUM ANALYZE "EnvironmentUser"`;
  }

  const resync = await timed(() => syncEnvironment(db, tenantId, synced, 'background'));
  // One user's licence changes: the only licence of a user with an enabled row (no admin role) is removed.
  const [victim] = await db.$queryRaw<{ userId: string }[]>`
    SELECT eu."userId"::text AS "userId" FROM "EnvironmentUser" eu
    WHERE eu."environmentId" = ${synced}::uuid AND eu."isEnabled" AND eu."kind" = 'user'
      AND NOT EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = eu."userId")
      AND (SELECT count(*) FROM "LicenceAssignment" la WHERE la."userId" = eu."userId") = 1
    LIMIT 1`;
  if (!victim) throw new Error('no licensed user to change');
  await db.licenceAssignment.deleteMany({ where: { userId: victim.userId } });
  const incremental = await timed(() => syncUsers(db, tenantId, [victim.userId], 'change'));
  const disabledByIncremental = incremental.value.reduce((sum, o) => sum + o.counts.disabled, 0);

  const full = median(fullTimes);
  const floor = median(floorTimes);
  console.log(`users: ${USERS.toLocaleString('en')} in one tenant; environment with a security group; ${added.toLocaleString('en')} rows added by a full sync`);
  console.log(`full background sync (fresh environment, median of ${RUNS}): ${ms(full)}  [${fullTimes.map(ms).join(', ')}]`);
  console.log(`background re-sync, nothing to do: ${ms(resync.ms)} (changes: ${JSON.stringify(resync.value?.counts)})`);
  console.log(`incremental sync after one user's licence change (that user, ${incremental.value.length} environments): ${ms(incremental.ms)} (${disabledByIncremental} disabled)`);
  console.log(`floor: one INSERT … SELECT … ON CONFLICT DO UPDATE computing the same eligibility (median of ${RUNS}): ${ms(floor)}  [${floorTimes.map(ms).join(', ')}]`);
  console.log(`ratio: ${(full / floor).toFixed(2)}`);
} finally {
  await prisma?.$disconnect();
  await dropDatabase(serverUrl.toString(), database).catch((error: unknown) => console.error(error));
  await target.stop();
}
