-- CreateTable
CREATE TABLE "Subscription" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "productName" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "grantsDataverse" BOOLEAN NOT NULL DEFAULT false,
    "freeDataversePlan" BOOLEAN NOT NULL DEFAULT false,
    "tenantMarketing" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LicenceAssignment" (
    "tenantId" UUID NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" UUID,
    "suspendedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LicenceAssignment_pkey" PRIMARY KEY ("subscriptionId","userId")
);

-- CreateTable
CREATE TABLE "SecurityGroup" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SecurityGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupUserMember" (
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" UUID,

    CONSTRAINT "GroupUserMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "GroupNestedGroup" (
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "memberGroupId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" UUID,

    CONSTRAINT "GroupNestedGroup_pkey" PRIMARY KEY ("groupId","memberGroupId")
);

-- CreateTable
CREATE TABLE "GroupOwner" (
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" UUID,

    CONSTRAINT "GroupOwner_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_tenantId_id_key" ON "Subscription"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_tenantId_productName_key" ON "Subscription"("tenantId", "productName");

-- CreateIndex
CREATE INDEX "LicenceAssignment_tenantId_userId_idx" ON "LicenceAssignment"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "LicenceAssignment_subscriptionId_suspendedAt_idx" ON "LicenceAssignment"("subscriptionId", "suspendedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityGroup_tenantId_id_key" ON "SecurityGroup"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityGroup_tenantId_nameKey_key" ON "SecurityGroup"("tenantId", "nameKey");

-- CreateIndex
CREATE INDEX "GroupUserMember_tenantId_userId_idx" ON "GroupUserMember"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "GroupNestedGroup_tenantId_memberGroupId_idx" ON "GroupNestedGroup"("tenantId", "memberGroupId");

-- CreateIndex
CREATE INDEX "GroupOwner_tenantId_userId_idx" ON "GroupOwner"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenceAssignment" ADD CONSTRAINT "LicenceAssignment_tenantId_subscriptionId_fkey" FOREIGN KEY ("tenantId", "subscriptionId") REFERENCES "Subscription"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenceAssignment" ADD CONSTRAINT "LicenceAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecurityGroup" ADD CONSTRAINT "SecurityGroup_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupUserMember" ADD CONSTRAINT "GroupUserMember_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupUserMember" ADD CONSTRAINT "GroupUserMember_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupNestedGroup" ADD CONSTRAINT "GroupNestedGroup_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupNestedGroup" ADD CONSTRAINT "GroupNestedGroup_tenantId_memberGroupId_fkey" FOREIGN KEY ("tenantId", "memberGroupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupOwner" ADD CONSTRAINT "GroupOwner_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "SecurityGroup"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupOwner" ADD CONSTRAINT "GroupOwner_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Written by hand.
-- ---------------------------------------------------------------------------
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_seats_not_negative" CHECK ("seats" >= 0);
-- A group never contains itself directly; indirect cycles are refused by the domain
-- under a per-tenant lock (src/server/repositories/group-repository.ts).
ALTER TABLE "GroupNestedGroup" ADD CONSTRAINT "GroupNestedGroup_not_self" CHECK ("groupId" <> "memberGroupId");
