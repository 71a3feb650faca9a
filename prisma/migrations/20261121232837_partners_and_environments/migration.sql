-- CreateEnum
CREATE TYPE "PartnerRole" AS ENUM ('adminAgent', 'helpdeskAgent', 'salesAgent');

-- CreateEnum
CREATE TYPE "RelationshipStatus" AS ENUM ('pending', 'active', 'declined', 'lapsed', 'expired', 'terminated');

-- CreateEnum
CREATE TYPE "EnvironmentType" AS ENUM ('production', 'sandbox', 'trial', 'developer', 'teams');

-- CreateEnum
CREATE TYPE "EnvironmentUserKind" AS ENUM ('user', 'application', 'stub', 'supportUser', 'delegatedAdmin');

-- CreateEnum
CREATE TYPE "AccessMode" AS ENUM ('ReadWrite', 'Administrative', 'Read', 'SupportUser', 'NonInteractive', 'DelegatedAdmin');

-- CreateEnum
CREATE TYPE "RowCreatedVia" AS ENUM ('backgroundSync', 'onDemand', 'admin', 'import', 'system');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('background', 'manual', 'onDemand', 'firstAccess', 'diagnostics', 'change');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "partnerRole" "PartnerRole";

-- CreateTable
CREATE TABLE "PartnerRelationship" (
    "id" UUID NOT NULL,
    "partnerTenantId" UUID NOT NULL,
    "customerTenantId" UUID NOT NULL,
    "roles" TEXT[],
    "durationDays" INTEGER NOT NULL,
    "autoExtend" BOOLEAN NOT NULL DEFAULT false,
    "status" "RelationshipStatus" NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedById" UUID,
    "requestedByName" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decidedByName" TEXT,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endedBySide" TEXT,
    "endedByName" TEXT,
    "expiryWarnedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PartnerRelationship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessAssignment" (
    "id" UUID NOT NULL,
    "relationshipId" UUID NOT NULL,
    "partnerTenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "roles" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "AccessAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "type" "EnvironmentType" NOT NULL,
    "hasDataverse" BOOLEAN NOT NULL DEFAULT true,
    "securityGroupId" UUID,
    "creatorId" UUID,
    "appPassCapacity" INTEGER NOT NULL DEFAULT 0,
    "allowRoleAssignmentOnDisabledUsers" BOOLEAN NOT NULL DEFAULT false,
    "hasSalesApp" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentUser" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "userId" UUID,
    "kind" "EnvironmentUserKind" NOT NULL DEFAULT 'user',
    "isEnabled" BOOLEAN NOT NULL DEFAULT false,
    "accessMode" "AccessMode" NOT NULL DEFAULT 'ReadWrite',
    "securityRoles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdVia" "RowCreatedVia" NOT NULL,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "signInName" TEXT,
    "fullName" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "jobTitle" TEXT,
    "officePhone" TEXT,
    "mobilePhone" TEXT,
    "streetAddress" TEXT,
    "city" TEXT,
    "stateOrProvince" TEXT,
    "postalCode" TEXT,
    "countryOrRegion" TEXT,
    "primaryEmail" TEXT,
    "internalEmail" TEXT,
    "internalEmailEditedInEnvironment" BOOLEAN NOT NULL DEFAULT false,
    "objectId" TEXT,
    "applicationId" TEXT,
    "customFields" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "added" INTEGER NOT NULL DEFAULT 0,
    "enabled" INTEGER NOT NULL DEFAULT 0,
    "disabled" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PartnerRelationship_partnerTenantId_status_idx" ON "PartnerRelationship"("partnerTenantId", "status");

-- CreateIndex
CREATE INDEX "PartnerRelationship_customerTenantId_status_idx" ON "PartnerRelationship"("customerTenantId", "status");

-- CreateIndex
CREATE INDEX "PartnerRelationship_status_endsAt_idx" ON "PartnerRelationship"("status", "endsAt");

-- CreateIndex
CREATE INDEX "AccessAssignment_partnerTenantId_groupId_idx" ON "AccessAssignment"("partnerTenantId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessAssignment_relationshipId_groupId_key" ON "AccessAssignment"("relationshipId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_tenantId_id_key" ON "Environment"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_tenantId_nameKey_key" ON "Environment"("tenantId", "nameKey");

-- CreateIndex
CREATE INDEX "EnvironmentUser_tenantId_userId_idx" ON "EnvironmentUser"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "EnvironmentUser_environmentId_accessMode_idx" ON "EnvironmentUser"("environmentId", "accessMode");

-- CreateIndex
CREATE UNIQUE INDEX "EnvironmentUser_environmentId_userId_key" ON "EnvironmentUser"("environmentId", "userId");

-- CreateIndex
CREATE INDEX "SyncRun_environmentId_startedAt_idx" ON "SyncRun"("environmentId", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "PartnerRelationship" ADD CONSTRAINT "PartnerRelationship_partnerTenantId_fkey" FOREIGN KEY ("partnerTenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerRelationship" ADD CONSTRAINT "PartnerRelationship_customerTenantId_fkey" FOREIGN KEY ("customerTenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessAssignment" ADD CONSTRAINT "AccessAssignment_relationshipId_fkey" FOREIGN KEY ("relationshipId") REFERENCES "PartnerRelationship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessAssignment" ADD CONSTRAINT "AccessAssignment_partnerTenantId_groupId_fkey" FOREIGN KEY ("partnerTenantId", "groupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_tenantId_securityGroupId_fkey" FOREIGN KEY ("tenantId", "securityGroupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentUser" ADD CONSTRAINT "EnvironmentUser_tenantId_environmentId_fkey" FOREIGN KEY ("tenantId", "environmentId") REFERENCES "Environment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_tenantId_environmentId_fkey" FOREIGN KEY ("tenantId", "environmentId") REFERENCES "Environment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Written by hand.
-- ---------------------------------------------------------------------------
ALTER TABLE "PartnerRelationship" ADD CONSTRAINT "PartnerRelationship_duration" CHECK ("durationDays" BETWEEN 1 AND 730);
ALTER TABLE "PartnerRelationship" ADD CONSTRAINT "PartnerRelationship_two_tenants" CHECK ("partnerTenantId" <> "customerTenantId");
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_app_pass_not_negative" CHECK ("appPassCapacity" >= 0);
-- Each environment has exactly one support-user and one delegated-admin placeholder row.
CREATE UNIQUE INDEX "EnvironmentUser_one_placeholder" ON "EnvironmentUser" ("environmentId", "kind") WHERE "kind" IN ('supportUser', 'delegatedAdmin');
