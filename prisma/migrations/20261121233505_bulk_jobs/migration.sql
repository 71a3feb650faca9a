-- CreateEnum
CREATE TYPE "BulkJobKind" AS ENUM ('add', 'delete', 'restore');

-- CreateEnum
CREATE TYPE "BulkJobStatus" AS ENUM ('previewed', 'queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "BulkExistingMode" AS ENUM ('skip', 'update');

-- CreateEnum
CREATE TYPE "BulkRowOutcome" AS ENUM ('created', 'updated', 'skipped', 'deleted', 'restored', 'failed');

-- CreateTable
CREATE TABLE "BulkJob" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "BulkJobKind" NOT NULL,
    "status" "BulkJobStatus" NOT NULL DEFAULT 'previewed',
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "filter" JSONB,
    "existingMode" "BulkExistingMode" NOT NULL DEFAULT 'skip',
    "unknownColumns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "seatChecks" JSONB,
    "totalRows" INTEGER NOT NULL,
    "validRows" INTEGER NOT NULL,
    "invalidRows" INTEGER NOT NULL,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "deletedCount" INTEGER NOT NULL DEFAULT 0,
    "restoredCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "runStartedAt" TIMESTAMPTZ(3),
    "runStartProcessed" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "actor" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "createdByName" TEXT NOT NULL,
    "queuedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "passwordsDownloadedAt" TIMESTAMPTZ(3),
    "passwordsDownloadedByName" TEXT,
    "error" TEXT,

    CONSTRAINT "BulkJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkJobRow" (
    "tenantId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "signInName" TEXT,
    "displayName" TEXT,
    "values" JSONB NOT NULL,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "isValid" BOOLEAN NOT NULL,
    "plan" TEXT,
    "targetUserId" UUID,
    "outcome" "BulkRowOutcome",
    "message" TEXT,
    "userId" UUID,
    "passwordCiphertext" TEXT,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BulkJobRow_pkey" PRIMARY KEY ("jobId","line")
);

-- CreateIndex
CREATE INDEX "BulkJob_tenantId_createdAt_idx" ON "BulkJob"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkJob_status_leaseUntil_idx" ON "BulkJob"("status", "leaseUntil");

-- CreateIndex
CREATE UNIQUE INDEX "BulkJob_tenantId_id_key" ON "BulkJob"("tenantId", "id");

-- CreateIndex
CREATE INDEX "BulkJobRow_jobId_isValid_line_idx" ON "BulkJobRow"("jobId", "isValid", "line");

-- CreateIndex
CREATE INDEX "BulkJobRow_jobId_outcome_line_idx" ON "BulkJobRow"("jobId", "outcome", "line");

-- AddForeignKey
ALTER TABLE "BulkJob" ADD CONSTRAINT "BulkJob_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkJobRow" ADD CONSTRAINT "BulkJobRow_tenantId_jobId_fkey" FOREIGN KEY ("tenantId", "jobId") REFERENCES "BulkJob"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Written by hand.
-- ---------------------------------------------------------------------------
-- The 24-hour wipe of one-time passwords reads only the rows that still hold one.
CREATE INDEX "BulkJobRow_password_kept_idx" ON "BulkJobRow" ("processedAt") WHERE "passwordCiphertext" IS NOT NULL;
-- Jobs a runner may have to resume (queued or running) are few: find them without a scan.
CREATE INDEX "BulkJob_unfinished_idx" ON "BulkJob" ("leaseUntil") WHERE "status" IN ('queued', 'running');
ALTER TABLE "BulkJob" ADD CONSTRAINT "BulkJob_counters_not_negative" CHECK (
  "totalRows" >= 0 AND "validRows" >= 0 AND "invalidRows" >= 0 AND "processedRows" >= 0
  AND "processedRows" <= "validRows"
);
ALTER TABLE "BulkJob" ADD CONSTRAINT "BulkJob_source" CHECK ("source" IN ('file', 'filter'));
-- A row's outcome is written once, with the time it was written.
ALTER TABLE "BulkJobRow" ADD CONSTRAINT "BulkJobRow_outcome_has_time" CHECK (("outcome" IS NULL) = ("processedAt" IS NULL));
