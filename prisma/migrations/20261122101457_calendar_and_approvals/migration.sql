-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "body" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "overrideReason" VARCHAR(500);

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "calendarFeedHash" VARCHAR(64),
ADD COLUMN     "editorsMaySchedule" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "keepApprovalOnMove" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "tokenHash" VARCHAR(64) NOT NULL,
    "label" VARCHAR(100) NOT NULL,
    "fromDate" TIMESTAMP(3) NOT NULL,
    "toDate" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_workspaceId_idx" ON "ShareLink"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_calendarFeedHash_key" ON "Workspace"("calendarFeedHash");

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
