-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('IMAGE', 'GIF', 'VIDEO');

-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "uploadedById" TEXT,
    "kind" "MediaKind" NOT NULL,
    "mimeType" VARCHAR(64) NOT NULL,
    "byteSize" BIGINT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "storageKey" VARCHAR(200) NOT NULL,
    "fileName" VARCHAR(255) NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,
    "codec" VARCHAR(64),
    "thumbnailKey" VARCHAR(200),
    "altText" VARCHAR(2000) NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediaUpload" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "storageKey" VARCHAR(200) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VariantMedia" (
    "variantId" TEXT NOT NULL,
    "mediaId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "remoteId" VARCHAR(2000),
    "uploadedAt" TIMESTAMP(3),

    CONSTRAINT "VariantMedia_pkey" PRIMARY KEY ("variantId","mediaId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Media_storageKey_key" ON "Media"("storageKey");

-- CreateIndex
CREATE INDEX "Media_workspaceId_createdAt_idx" ON "Media"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MediaUpload_storageKey_key" ON "MediaUpload"("storageKey");

-- CreateIndex
CREATE INDEX "MediaUpload_startedAt_idx" ON "MediaUpload"("startedAt");

-- CreateIndex
CREATE INDEX "VariantMedia_mediaId_idx" ON "VariantMedia"("mediaId");

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaUpload" ADD CONSTRAINT "MediaUpload_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantMedia" ADD CONSTRAINT "VariantMedia_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantMedia" ADD CONSTRAINT "VariantMedia_mediaId_fkey" FOREIGN KEY ("mediaId") REFERENCES "Media"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The media rules read a variant's media and their alt text: a change to either is a plan
-- change (Workspace.planVersion, migration 20261123083746_gate), so that a stored verdict
-- that saw the old media is known to be stale.
CREATE FUNCTION "rytm_variant_media_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT v."workspaceId" FROM old_rows r JOIN "Variant" v ON v.id = r."variantId"));
  ELSE
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT v."workspaceId" FROM new_rows r JOIN "Variant" v ON v.id = r."variantId"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "VariantMedia_plan_insert" AFTER INSERT ON "VariantMedia" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_media_changed"();
CREATE TRIGGER "VariantMedia_plan_delete" AFTER DELETE ON "VariantMedia" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_media_changed"();
CREATE TRIGGER "Media_plan_update" AFTER UPDATE ON "Media" FOR EACH ROW
  WHEN (OLD."altText" IS DISTINCT FROM NEW."altText")
  EXECUTE FUNCTION "rytm_row_changed"();
