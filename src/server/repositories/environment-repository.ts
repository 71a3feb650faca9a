// Environments, their user tables and sync history in PostgreSQL. Every method
// filters by tenantId. The sync's reads and writes are set-based: one run reads
// the directory in a handful of queries whatever the number of users, and writes
// with one INSERT … SELECT FROM unnest(…) and one UPDATE … FROM unnest(…), which
// touches only the rows whose values change.
import { randomUUID } from 'node:crypto';
import type { AccessMode, EnvironmentType } from '@/domain/environments/eligibility';
import { environmentNameKey, type Environment, type EnvironmentRow, type RowKind, type RowOrigin, PLACEHOLDER_ROWS } from '@/domain/environments/environment';
import type { EnvironmentRepository } from '@/domain/environments/environment-repository';
import { EMPTY_FIRST_NAME } from '@/domain/environments/field-sync';
import type { CandidateLicence, ExistingSyncRow, SyncCandidate, SyncInput } from '@/domain/environments/sync-plan';
import type { UserKind } from '@/domain/environments/eligibility';
import type { SyncUserProfile } from '@/domain/environments/field-sync';
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '../db/client';

type EnvironmentSqlRow = {
  id: string;
  tenantId: string;
  name: string;
  type: EnvironmentType;
  hasDataverse: boolean;
  securityGroupId: string | null;
  securityGroupName: string | null;
  creatorId: string | null;
  appPassCapacity: number;
  allowRoleAssignmentOnDisabledUsers: boolean;
  hasSalesApp: boolean;
  rowVersion: number;
};

const ENVIRONMENT_COLUMNS = Prisma.sql`
  e."id"::text AS "id", e."tenantId"::text AS "tenantId", e."name", e."type"::text AS "type", e."hasDataverse",
  e."securityGroupId"::text AS "securityGroupId", g."name" AS "securityGroupName", e."creatorId"::text AS "creatorId",
  e."appPassCapacity", e."allowRoleAssignmentOnDisabledUsers", e."hasSalesApp", e."rowVersion"`;

const toEnvironment = (row: EnvironmentSqlRow): Environment => ({ ...row });

type UserSqlRow = { id: string; kind: UserKind; accountEnabled: boolean; isDeleted: boolean; displayName: string };
type PairSqlRow = { userId: string; value: string };

/** userId → values, from (userId, value) rows. */
function byUser(rows: readonly PairSqlRow[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const list = map.get(row.userId);
    if (list) list.push(row.value);
    else map.set(row.userId, [row.value]);
  }
  return map;
}

type ProfileSqlRow = {
  id: string;
  kind: UserKind;
  signInName: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  officePhone: string | null;
  mobilePhone: string | null;
  streetAddress: string | null;
  city: string | null;
  stateOrProvince: string | null;
  postalCode: string | null;
  countryOrRegion: string | null;
};

type RowSqlRow = {
  id: string;
  userId: string;
  kind: RowKind;
  isEnabled: boolean;
  accessMode: AccessMode;
  securityRoles: string[] | null;
  createdVia: RowOrigin;
  internalEmailEditedInEnvironment: boolean;
};

// Columns of a bulk statement travel as ONE text parameter each, split by PostgreSQL
// (string_to_array): for 30,000 rows this is several times cheaper than a text[]
// parameter, which the driver serialises element by element. A value that contains
// the separators themselves (control characters) falls back to a text[] parameter.
const SEPARATOR = '\u0001';
const NULL_MARK = '\u0002';

/** uuid[] from ids (which never contain a comma). */
const uuidArray = (ids: readonly string[]) => Prisma.sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;

/** boolean[] from booleans. */
const boolArray = (values: readonly boolean[]) => Prisma.sql`string_to_array(${values.map((v) => (v ? 't' : 'f')).join(',')}, ',')::boolean[]`;

/** text[] from strings and nulls. */
function textArray(values: readonly (string | null | undefined)[]): Prisma.Sql {
  const plain = values.every((v) => v === null || v === undefined || (!v.includes(SEPARATOR) && !v.includes(NULL_MARK)));
  // string_to_array('') is an empty array: a lone empty string must go as an array.
  if (!plain || (values.length === 1 && values[0] === '')) return Prisma.sql`${values.map((v) => v ?? null)}::text[]`;
  return Prisma.sql`string_to_array(${values.map((v) => v ?? NULL_MARK).join(SEPARATOR)}, E'\\x01', E'\\x02')`;
}

export function prismaEnvironmentRepository(db: DbClient): EnvironmentRepository {
  async function selectEnvironments(where: Prisma.Sql, lock = false): Promise<Environment[]> {
    const rows = await db.$queryRaw<EnvironmentSqlRow[]>`
      SELECT ${ENVIRONMENT_COLUMNS}
      FROM "Environment" e
      LEFT JOIN "SecurityGroup" g ON g."tenantId" = e."tenantId" AND g."id" = e."securityGroupId"
      WHERE ${where}
      ORDER BY e."name", e."id"
      ${lock ? Prisma.sql`FOR UPDATE OF e` : Prisma.empty}`;
    return rows.map(toEnvironment);
  }

  const countNonInteractive = (tenantId: string, environmentId: string) =>
    db.environmentUser.count({ where: { tenantId, environmentId, kind: 'user', accessMode: 'NonInteractive' } });

  return {
    async getById(tenantId, environmentId) {
      const [found] = await selectEnvironments(Prisma.sql`e."tenantId" = ${tenantId}::uuid AND e."id" = ${environmentId}::uuid`);
      return found ?? null;
    },

    listForTenant: (tenantId) => selectEnvironments(Prisma.sql`e."tenantId" = ${tenantId}::uuid`),

    async lock(tenantId, environmentId) {
      const [found] = await selectEnvironments(Prisma.sql`e."tenantId" = ${tenantId}::uuid AND e."id" = ${environmentId}::uuid`, true);
      return found ?? null;
    },

    async isNameTaken(tenantId, nameKey, exceptEnvironmentId) {
      const found = await db.environment.findFirst({
        where: { tenantId, nameKey, ...(exceptEnvironmentId ? { NOT: { id: exceptEnvironmentId } } : {}) },
        select: { id: true },
      });
      return found !== null;
    },

    async groupName(tenantId, groupId) {
      const group = await db.securityGroup.findFirst({ where: { tenantId, id: groupId }, select: { name: true } });
      return group?.name ?? null;
    },

    async create(tenantId, input, creatorId, now) {
      // ON CONFLICT rather than catching the violation: the transaction stays usable.
      const rows = await db.$queryRaw<{ id: string }[]>`
        INSERT INTO "Environment" ("id", "tenantId", "name", "nameKey", "type", "hasDataverse", "securityGroupId", "creatorId",
                                   "appPassCapacity", "allowRoleAssignmentOnDisabledUsers", "hasSalesApp", "createdAt", "updatedAt", "rowVersion")
        VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${input.name}, ${environmentNameKey(input.name)}, ${input.type}::"EnvironmentType",
                ${input.hasDataverse}, ${input.securityGroupId}::uuid, ${creatorId}::uuid, ${input.appPassCapacity},
                ${input.allowRoleAssignmentOnDisabledUsers}, ${input.hasSalesApp}, ${now}, ${now}, 1)
        ON CONFLICT ("tenantId", "nameKey") DO NOTHING
        RETURNING "id"::text AS "id"`;
      const row = rows[0];
      return row ? { id: row.id } : 'NAME_TAKEN';
    },

    async update(tenantId, environmentId, expectedRowVersion, input, now) {
      const nameKey = environmentNameKey(input.name);
      const clash = await db.environment.findFirst({ where: { tenantId, nameKey, NOT: { id: environmentId } }, select: { id: true } });
      if (clash) return 'NAME_TAKEN';
      const result = await db.environment.updateMany({
        where: { tenantId, id: environmentId, rowVersion: expectedRowVersion },
        data: {
          name: input.name,
          nameKey,
          type: input.type,
          hasDataverse: input.hasDataverse,
          securityGroupId: input.securityGroupId,
          appPassCapacity: input.appPassCapacity,
          allowRoleAssignmentOnDisabledUsers: input.allowRoleAssignmentOnDisabledUsers,
          hasSalesApp: input.hasSalesApp,
          updatedAt: now,
          rowVersion: { increment: 1 },
        },
      });
      return result.count === 1 ? 'UPDATED' : 'STALE';
    },

    async loadSyncInput(tenantId, environment, userIds) {
      const tenant = Prisma.sql`${tenantId}::uuid`;
      const scoped = userIds !== null;
      if (scoped && userIds.length === 0) {
        return { tenantHasMarketingLicence: false, candidates: [], rows: [], nonInteractiveCount: await countNonInteractive(tenantId, environment.id) };
      }
      const inScope = (column: Prisma.Sql) => (scoped ? Prisma.sql`AND ${column} = ANY(${uuidArray(userIds)})` : Prisma.empty);
      const groupId = environment.securityGroupId;
      // A full sync reads only the memberships the rules look at (the environment's
      // group); a run for named users reads all of theirs, to explain nesting.
      const groupFilter = scoped ? Prisma.empty : Prisma.sql`AND "groupId" = ${groupId}::uuid`;
      const readGroups = scoped || groupId !== null;

      const [marketing] = await db.$queryRaw<{ has: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "Subscription" WHERE "tenantId" = ${tenant} AND "tenantMarketing" AND "seats" > 0) AS "has"`;
      const subscriptions = await db.$queryRaw<{ id: string; tenantId: string; productName: string; grantsDataverse: boolean; freeDataversePlan: boolean }[]>`
        SELECT "id"::text AS "id", "tenantId"::text AS "tenantId", "productName", "grantsDataverse", "freeDataversePlan"
        FROM "Subscription" WHERE "tenantId" = ${tenant}`;
      // Plain rows from each table, joined here: PostgreSQL returns them several times
      // faster than one query aggregating them per user.
      const users = await db.$queryRaw<UserSqlRow[]>`
        SELECT u."id"::text AS "id", u."kind"::text AS "kind", u."accountEnabled", (u."deletedAt" IS NOT NULL) AS "isDeleted", u."displayName"
        FROM "User" u
        WHERE u."tenantId" = ${tenant} ${inScope(Prisma.sql`u."id"`)}
        ORDER BY u."createdAt", u."id"`;
      const roles = await db.$queryRaw<PairSqlRow[]>`
        SELECT "userId"::text AS "userId", "roleId" AS "value" FROM "RoleAssignment"
        WHERE "tenantId" = ${tenant} ${inScope(Prisma.sql`"userId"`)}`;
      const licences = await db.$queryRaw<PairSqlRow[]>`
        SELECT "userId"::text AS "userId", "subscriptionId"::text AS "value" FROM "LicenceAssignment"
        WHERE "tenantId" = ${tenant} AND "suspendedAt" IS NULL ${inScope(Prisma.sql`"userId"`)}`;
      const memberships = readGroups
        ? await db.$queryRaw<PairSqlRow[]>`
            SELECT "userId"::text AS "userId", "groupId"::text AS "value" FROM "GroupUserMember"
            WHERE "tenantId" = ${tenant} ${groupFilter} ${inScope(Prisma.sql`"userId"`)}`
        : [];
      const ownerships = readGroups
        ? await db.$queryRaw<PairSqlRow[]>`
            SELECT "userId"::text AS "userId", "groupId"::text AS "value" FROM "GroupOwner"
            WHERE "tenantId" = ${tenant} ${groupFilter} ${inScope(Prisma.sql`"userId"`)}`
        : [];
      const rows = await db.$queryRaw<RowSqlRow[]>`
        SELECT "id"::text AS "id", "userId"::text AS "userId", "kind"::text AS "kind", "isEnabled", "accessMode"::text AS "accessMode",
               "securityRoles", "createdVia"::text AS "createdVia", "internalEmailEditedInEnvironment"
        FROM "EnvironmentUser"
        WHERE "tenantId" = ${tenant} AND "environmentId" = ${environment.id}::uuid AND "userId" IS NOT NULL ${inScope(Prisma.sql`"userId"`)}`;
      const nonInteractiveCount = await countNonInteractive(tenantId, environment.id);

      // Groups reached only through nesting, to explain a failed R3 (named users only).
      const nested = new Map<string, { groupId: string; viaGroupName: string }[]>();
      if (scoped) {
        const paths = await db.$queryRaw<{ userId: string; groupId: string; viaGroupName: string }[]>`
          WITH RECURSIVE up ("userId", "groupId", "viaGroupId") AS (
            SELECT m."userId", n."groupId", m."groupId"
            FROM "GroupUserMember" m
            JOIN "GroupNestedGroup" n ON n."tenantId" = m."tenantId" AND n."memberGroupId" = m."groupId"
            WHERE m."tenantId" = ${tenant} AND m."userId" = ANY(${uuidArray(userIds)})
            UNION
            SELECT up."userId", n."groupId", up."viaGroupId"
            FROM up JOIN "GroupNestedGroup" n ON n."tenantId" = ${tenant} AND n."memberGroupId" = up."groupId"
          )
          SELECT up."userId"::text AS "userId", up."groupId"::text AS "groupId", g."name" AS "viaGroupName"
          FROM up JOIN "SecurityGroup" g ON g."tenantId" = ${tenant} AND g."id" = up."viaGroupId"
          ORDER BY g."name"`;
        for (const path of paths) {
          const list = nested.get(path.userId) ?? [];
          if (!list.some((p) => p.groupId === path.groupId)) list.push({ groupId: path.groupId, viaGroupName: path.viaGroupName });
          nested.set(path.userId, list);
        }
      }

      const licenceOf = new Map<string, CandidateLicence>(
        subscriptions.map((s) => [
          s.id,
          { subscriptionId: s.id, skuName: s.productName, tenantId: s.tenantId, grantsDataverse: s.grantsDataverse, freeDataversePlan: s.freeDataversePlan },
        ]),
      );
      // Users holding the same subscriptions share one list (100,000 users hold a handful of combinations).
      const lists = new Map<string, CandidateLicence[]>();
      const licenceList = (ids: readonly string[] | undefined): CandidateLicence[] => {
        if (!ids) return [];
        const key = ids.length < 2 ? (ids[0] ?? '') : [...ids].sort().join(',');
        let list = lists.get(key);
        if (!list) {
          list = ids.flatMap((id) => {
            const licence = licenceOf.get(id);
            return licence ? [licence] : [];
          });
          lists.set(key, list);
        }
        return list;
      };
      const rolesOf = byUser(roles);
      const licencesOf = byUser(licences);
      const groupsOf = byUser(memberships);
      const ownedOf = byUser(ownerships);
      const none: string[] = [];
      const candidates: SyncCandidate[] = users.map((u) => {
        const directGroupIds = groupsOf.get(u.id) ?? none;
        const nestedOnly = nested.get(u.id)?.filter((p) => !directGroupIds.includes(p.groupId));
        return {
          user: {
            id: u.id,
            kind: u.kind,
            accountEnabled: u.accountEnabled,
            isDeleted: u.isDeleted,
            homeTenantId: tenantId,
            displayName: u.displayName,
            adminRoles: rolesOf.get(u.id) ?? none,
            licences: licenceList(licencesOf.get(u.id)),
            directGroupIds,
            ...(nestedOnly && nestedOnly.length ? { nestedOnlyGroups: nestedOnly } : {}),
            ownedGroupIds: ownedOf.get(u.id) ?? none,
          },
        };
      });
      const existing: ExistingSyncRow[] = rows.map((r) => ({ ...r, securityRoles: r.securityRoles ?? [] }));
      const input: SyncInput = { tenantHasMarketingLicence: marketing?.has ?? false, candidates, rows: existing, nonInteractiveCount };
      return input;
    },

    async loadProfiles(tenantId, userIds) {
      const profiles = new Map<string, SyncUserProfile>();
      if (userIds.length === 0) return profiles;
      const rows = await db.$queryRaw<ProfileSqlRow[]>`
        SELECT "id"::text AS "id", "kind"::text AS "kind", "signInName", "displayName", "firstName", "lastName", "jobTitle", "officePhone",
               "mobilePhone", "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion"
        FROM "User" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ANY(${uuidArray(userIds)})`;
      // The sign-in name is the user's email address (domain.md §3).
      for (const row of rows) profiles.set(row.id, { ...row, email: row.signInName });
      return profiles;
    },

    async applySyncPlan(tenantId, environmentId, plan, now) {
      const tenant = Prisma.sql`${tenantId}::uuid`;
      const environment = Prisma.sql`${environmentId}::uuid`;
      if (plan.inserts.length) {
        const i = plan.inserts;
        const f = i.map((x) => x.fields);
        await db.$executeRaw`
          INSERT INTO "EnvironmentUser" ("id", "tenantId", "environmentId", "userId", "kind", "isEnabled", "accessMode", "securityRoles", "createdVia",
                                         "lastSyncedAt", "signInName", "fullName", "firstName", "lastName", "jobTitle", "officePhone", "mobilePhone",
                                         "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion", "primaryEmail", "internalEmail",
                                         "objectId", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), ${tenant}, ${environment}, v."userId", v."kind"::"EnvironmentUserKind", true, v."accessMode"::"AccessMode", ARRAY[]::text[],
                 v."createdVia"::"RowCreatedVia", ${now}, v."signInName", v."fullName", v."firstName", v."lastName", v."jobTitle", v."officePhone",
                 v."mobilePhone", v."streetAddress", v."city", v."stateOrProvince", v."postalCode", v."countryOrRegion", v."primaryEmail",
                 v."internalEmail", v."objectId", ${now}, ${now}
          FROM unnest(
            ${uuidArray(i.map((x) => x.userId))}, ${textArray(i.map((x) => x.kind))}, ${textArray(i.map((x) => x.accessMode))}, ${textArray(i.map((x) => x.createdVia))},
            ${textArray(f.map((x) => x.signInName))}, ${textArray(f.map((x) => x.fullName))}, ${textArray(f.map((x) => x.firstName))},
            ${textArray(f.map((x) => x.lastName))}, ${textArray(f.map((x) => x.jobTitle))}, ${textArray(f.map((x) => x.officePhone))},
            ${textArray(f.map((x) => x.mobilePhone))}, ${textArray(f.map((x) => x.streetAddress))}, ${textArray(f.map((x) => x.city))},
            ${textArray(f.map((x) => x.stateOrProvince))}, ${textArray(f.map((x) => x.postalCode))}, ${textArray(f.map((x) => x.countryOrRegion))},
            ${textArray(f.map((x) => x.primaryEmail))}, ${textArray(f.map((x) => x.internalEmailAddress))},
            ${textArray(f.map((x) => x.azureActiveDirectoryObjectId))}
          ) AS v("userId", "kind", "accessMode", "createdVia", "signInName", "fullName", "firstName", "lastName", "jobTitle", "officePhone",
                 "mobilePhone", "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion", "primaryEmail", "internalEmail", "objectId")
          ON CONFLICT ("environmentId", "userId") DO NOTHING`;
      }
      const changedRowIds = new Set<string>();
      if (plan.updates.length) {
        const u = plan.updates;
        const f = u.map((x) => x.fields);
        // Full name and primary email are never written after creation; the internal
        // email only while it was not edited in the environment (setInternal).
        const changed = await db.$queryRaw<{ id: string; changed: boolean }[]>`
          WITH v AS (
            SELECT * FROM unnest(
              ${uuidArray(u.map((x) => x.rowId))}, ${boolArray(u.map((x) => x.isEnabled))}, ${textArray(u.map((x) => x.accessMode))},
              ${textArray(f.map((x) => x.signInName))}, ${textArray(f.map((x) => x.firstName))}, ${textArray(f.map((x) => x.lastName))},
              ${textArray(f.map((x) => x.jobTitle))}, ${textArray(f.map((x) => x.officePhone))}, ${textArray(f.map((x) => x.mobilePhone))},
              ${textArray(f.map((x) => x.streetAddress))}, ${textArray(f.map((x) => x.city))}, ${textArray(f.map((x) => x.stateOrProvince))},
              ${textArray(f.map((x) => x.postalCode))}, ${textArray(f.map((x) => x.countryOrRegion))}, ${textArray(f.map((x) => x.azureActiveDirectoryObjectId))},
              ${boolArray(f.map((x) => 'internalEmailAddress' in x))}, ${textArray(f.map((x) => x.internalEmailAddress))}
            ) AS v("id", "isEnabled", "accessMode", "signInName", "firstName", "lastName", "jobTitle", "officePhone", "mobilePhone",
                   "streetAddress", "city", "stateOrProvince", "postalCode", "countryOrRegion", "objectId", "setInternal", "internalEmail")
          ), c AS (
            SELECT v.*, (
              eu."isEnabled", eu."accessMode"::text, eu."signInName", eu."firstName", eu."lastName", eu."jobTitle", eu."officePhone",
              eu."mobilePhone", eu."streetAddress", eu."city", eu."stateOrProvince", eu."postalCode", eu."countryOrRegion", eu."objectId",
              CASE WHEN v."setInternal" THEN eu."internalEmail" END
            ) IS DISTINCT FROM (
              v."isEnabled", v."accessMode", v."signInName", v."firstName", v."lastName", v."jobTitle", v."officePhone",
              v."mobilePhone", v."streetAddress", v."city", v."stateOrProvince", v."postalCode", v."countryOrRegion", v."objectId",
              CASE WHEN v."setInternal" THEN v."internalEmail" END
            ) AS "changed"
            FROM v JOIN "EnvironmentUser" eu ON eu."id" = v."id" AND eu."tenantId" = ${tenant} AND eu."environmentId" = ${environment}
          )
          UPDATE "EnvironmentUser" eu SET
            "isEnabled" = c."isEnabled", "accessMode" = c."accessMode"::"AccessMode", "signInName" = c."signInName", "firstName" = c."firstName",
            "lastName" = c."lastName", "jobTitle" = c."jobTitle", "officePhone" = c."officePhone", "mobilePhone" = c."mobilePhone",
            "streetAddress" = c."streetAddress", "city" = c."city", "stateOrProvince" = c."stateOrProvince", "postalCode" = c."postalCode",
            "countryOrRegion" = c."countryOrRegion", "objectId" = c."objectId",
            "internalEmail" = CASE WHEN c."setInternal" THEN c."internalEmail" ELSE eu."internalEmail" END,
            "lastSyncedAt" = ${now}, "updatedAt" = CASE WHEN c."changed" THEN ${now} ELSE eu."updatedAt" END
          FROM c
          WHERE eu."id" = c."id" AND (c."changed" OR ${plan.touch})
          RETURNING eu."id"::text AS "id", c."changed"`;
        for (const row of changed) if (row.changed) changedRowIds.add(row.id);
      }
      return { changedRowIds };
    },

    async ensurePlaceholders(tenantId, environmentId, now) {
      const values = PLACEHOLDER_ROWS.map(
        (p) => Prisma.sql`(gen_random_uuid(), ${tenantId}::uuid, ${environmentId}::uuid, ${p.kind}::"EnvironmentUserKind", true,
                           ${p.accessMode}::"AccessMode", 'system'::"RowCreatedVia", ${p.signInName}, ${p.fullName}, ${EMPTY_FIRST_NAME}, ${p.fullName}, ${now}, ${now})`,
      );
      await db.$executeRaw`
        INSERT INTO "EnvironmentUser" ("id", "tenantId", "environmentId", "kind", "isEnabled", "accessMode", "createdVia", "signInName", "fullName",
                                       "firstName", "lastName", "createdAt", "updatedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING`;
    },

    async recordSyncRun(tenantId, run) {
      await db.syncRun.create({
        data: {
          tenantId,
          environmentId: run.environmentId,
          trigger: run.trigger,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          durationMs: run.durationMs,
          added: run.added,
          enabled: run.enabled,
          disabled: run.disabled,
          updated: run.updated,
          status: 'succeeded',
        },
      });
    },

    async getRow(tenantId, environmentId, rowId) {
      const row = await db.environmentUser.findFirst({
        where: { tenantId, environmentId, id: rowId },
        select: {
          id: true,
          environmentId: true,
          userId: true,
          kind: true,
          isEnabled: true,
          accessMode: true,
          securityRoles: true,
          createdVia: true,
          fullName: true,
          signInName: true,
          applicationId: true,
        },
      });
      return row satisfies EnvironmentRow | null;
    },

    async setAccessMode(tenantId, environmentId, rowId, accessMode, now) {
      await db.environmentUser.updateMany({ where: { tenantId, environmentId, id: rowId }, data: { accessMode, updatedAt: now } });
    },

    async setSecurityRoles(tenantId, environmentId, rowId, roles, now) {
      await db.environmentUser.updateMany({ where: { tenantId, environmentId, id: rowId }, data: { securityRoles: [...roles], updatedAt: now } });
    },

    countNonInteractive,

    async isApplicationIdTaken(tenantId, environmentId, applicationId) {
      const found = await db.environmentUser.findFirst({ where: { tenantId, environmentId, kind: 'application', applicationId }, select: { id: true } });
      return found !== null;
    },

    async insertApplicationRow(tenantId, environmentId, row, now) {
      const created = await db.environmentUser.create({
        data: {
          tenantId,
          environmentId,
          kind: 'application',
          isEnabled: true,
          accessMode: 'NonInteractive',
          securityRoles: [...row.securityRoles],
          createdVia: 'admin',
          fullName: row.name,
          firstName: EMPTY_FIRST_NAME,
          lastName: row.name,
          applicationId: row.applicationId,
          objectId: row.applicationId,
          lastSyncedAt: null,
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      });
      return created;
    },

    async directoryNamesAmong(tenantId, keys) {
      if (!keys.length) return new Set();
      const rows = await db.user.findMany({ where: { tenantId, deletedAt: null, signInNameKey: { in: [...keys] } }, select: { signInNameKey: true } });
      return new Set(rows.map((r) => r.signInNameKey));
    },

    async stubNamesAmong(tenantId, environmentId, keys) {
      if (!keys.length) return new Set();
      const rows = await db.$queryRaw<{ key: string }[]>`
        SELECT DISTINCT lower("signInName") AS "key" FROM "EnvironmentUser"
        WHERE "tenantId" = ${tenantId}::uuid AND "environmentId" = ${environmentId}::uuid AND "kind" = 'stub'
          AND lower("signInName") = ANY(${[...keys]}::text[])`;
      return new Set(rows.map((r) => r.key));
    },

    async insertStubRows(tenantId, environmentId, rows, now) {
      const result = await db.environmentUser.createMany({
        data: rows.map((r) => ({
          tenantId,
          environmentId,
          kind: 'stub' as const,
          isEnabled: false,
          accessMode: 'ReadWrite' as const,
          securityRoles: [r.securityRole],
          createdVia: 'import' as const,
          signInName: r.signInName,
          fullName: r.signInName,
          firstName: EMPTY_FIRST_NAME,
          primaryEmail: r.signInName,
          createdAt: now,
          updatedAt: now,
        })),
      });
      return result.count;
    },
  };
}
