-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "recurrenceParentId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Post_recurrenceParentId_scheduledAt_key" ON "Post"("recurrenceParentId", "scheduledAt");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_recurrenceParentId_fkey" FOREIGN KEY ("recurrenceParentId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
