-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "attemptId" VARCHAR(40),
ADD COLUMN     "failureClass" VARCHAR(40),
ADD COLUMN     "firstAttemptAt" TIMESTAMP(3),
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "publishKey" VARCHAR(64),
ADD COLUMN     "scheduleVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Variant_status_leaseUntil_idx" ON "Variant"("status", "leaseUntil");
