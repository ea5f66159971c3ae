-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "lshBands" TEXT[],
ADD COLUMN     "textHash" VARCHAR(16);

-- CreateIndex
CREATE INDEX "Variant_workspaceId_textHash_idx" ON "Variant"("workspaceId", "textHash");

-- CreateIndex
CREATE INDEX "Variant_lshBands_idx" ON "Variant" USING GIN ("lshBands");
