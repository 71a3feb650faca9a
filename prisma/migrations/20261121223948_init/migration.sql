-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TenantKind" AS ENUM ('customer', 'partner');

-- CreateEnum
CREATE TYPE "UserKind" AS ENUM ('member', 'application', 'nonInteractive', 'stub');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TenantKind" NOT NULL,
    "primaryDomain" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantDomain" (
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantDomain_pkey" PRIMARY KEY ("tenantId","name")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "UserKind" NOT NULL DEFAULT 'member',
    "signInName" TEXT NOT NULL,
    "signInNameKey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "jobTitle" TEXT,
    "department" TEXT,
    "officeLocation" TEXT,
    "officePhone" TEXT,
    "mobilePhone" TEXT,
    "faxNumber" TEXT,
    "streetAddress" TEXT,
    "city" TEXT,
    "stateOrProvince" TEXT,
    "postalCode" TEXT,
    "countryOrRegion" TEXT,
    "usageLocation" CHAR(2),
    "alternateEmail" TEXT,
    "applicationId" TEXT,
    "accountEnabled" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "failedSignInCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "recentFailedPasswords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,
    "updatedByName" TEXT,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedById" UUID,
    "deletedByName" TEXT,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryRole" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "DirectoryRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "roleId" TEXT NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" UUID,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("tenantId","userId","roleId")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "sessionVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "actorName" TEXT,
    "actorTenantId" UUID,
    "onBehalfOfTenantId" UUID,
    "onBehalfOfName" TEXT,
    "relationshipId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "targetName" TEXT,
    "before" JSONB,
    "after" JSONB,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "detail" TEXT,
    "correlationId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_primaryDomain_key" ON "Tenant"("primaryDomain");

-- CreateIndex
CREATE UNIQUE INDEX "TenantDomain_name_key" ON "TenantDomain"("name");

-- CreateIndex
CREATE INDEX "User_tenantId_displayName_id_idx" ON "User"("tenantId", "displayName", "id");

-- CreateIndex
CREATE INDEX "User_tenantId_createdAt_id_idx" ON "User"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_tenantId_deletedAt_idx" ON "User"("tenantId", "deletedAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_id_key" ON "User"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryRole_name_key" ON "DirectoryRole"("name");

-- CreateIndex
CREATE INDEX "RoleAssignment_tenantId_roleId_idx" ON "RoleAssignment"("tenantId", "roleId");

-- CreateIndex
CREATE INDEX "UserSession_tenantId_userId_idx" ON "UserSession"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_occurredAt_id_idx" ON "AuditEvent"("tenantId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_action_occurredAt_idx" ON "AuditEvent"("tenantId", "action", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorUserId_occurredAt_idx" ON "AuditEvent"("tenantId", "actorUserId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetId_idx" ON "AuditEvent"("tenantId", "targetId");

-- AddForeignKey
ALTER TABLE "TenantDomain" ADD CONSTRAINT "TenantDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "DirectoryRole"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Written by hand: what schema.prisma cannot express.
-- ---------------------------------------------------------------------------

-- Sign-in names are unique case-insensitively among live (not deleted) users,
-- across the whole portal; a deleted user's name may be taken again.
CREATE UNIQUE INDEX "User_signInNameKey_live_key" ON "User" ("signInNameKey") WHERE "deletedAt" IS NULL;
CREATE INDEX "User_signInNameKey_idx" ON "User" ("signInNameKey");

-- "contains" search on the users list stays fast at 100,000 users.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "User_search_trgm_idx" ON "User" USING gin (
  (lower("displayName") || ' ' || "signInNameKey" || ' ' || coalesce(lower("alternateEmail"), '')) gin_trgm_ops
);

-- The audit log is append-only.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Built-in directory roles (domain.md §2). Their rules live in src/domain/shared/permissions.ts;
-- a test checks that this table and that file agree.
INSERT INTO "DirectoryRole" ("id", "name", "tier", "description") VALUES
  ('globalAdministrator', 'Global Administrator', 3, 'Can do everything in the tenant.'),
  ('privilegedRoleAdministrator', 'Privileged Role Administrator', 3, 'Assigns and removes directory roles; reads everything.'),
  ('privilegedAuthenticationAdministrator', 'Privileged Authentication Administrator', 3, 'Resets passwords and blocks or unblocks sign-in of anyone, administrators included.'),
  ('userAdministrator', 'User Administrator', 2, 'Creates, edits, blocks, deletes and restores users; resets passwords of users up to tier 2; manages groups; assigns licences.'),
  ('directoryWriters', 'Directory Writers', 2, 'Creates and edits users, restores users, edits licences.'),
  ('powerPlatformAdministrator', 'Power Platform Administrator', 2, 'Manages environments, environment users, sync, access modes and security roles.'),
  ('dynamics365Administrator', 'Dynamics 365 Administrator', 2, 'Manages environments, environment users, sync, access modes and security roles.'),
  ('groupsAdministrator', 'Groups Administrator', 1, 'Manages security groups and their membership.'),
  ('licenseAdministrator', 'License Administrator', 1, 'Assigns and removes licences; sets usage location.'),
  ('helpdeskAdministrator', 'Helpdesk Administrator', 1, 'Resets passwords of users up to tier 1.'),
  ('globalReader', 'Global Reader', 1, 'Reads everything, changes nothing.');
