-- DropIndex
DROP INDEX "Variant_lshBands_idx";

-- CreateTable
CREATE TABLE "VariantBand" (
    "variantId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "band" TEXT NOT NULL,

    CONSTRAINT "VariantBand_pkey" PRIMARY KEY ("variantId","band")
);

-- CreateIndex
CREATE INDEX "VariantBand_workspaceId_band_idx" ON "VariantBand"("workspaceId", "band");

-- AddForeignKey
ALTER TABLE "VariantBand" ADD CONSTRAINT "VariantBand_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The bands follow Variant."lshBands", whoever writes it: inserted with the variant (one
-- statement for a whole import), replaced when the text (and so the bands) changes. The
-- publishing updates (claim, outcome) leave lshBands alone and so never touch this table.
CREATE FUNCTION "rytm_variant_bands_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VariantBand" ("variantId", "workspaceId", "band")
  SELECT DISTINCT n.id, n."workspaceId", b.band FROM new_rows n CROSS JOIN LATERAL unnest(n."lshBands") AS b(band);
  RETURN NULL;
END $$;

CREATE FUNCTION "rytm_variant_bands_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "VariantBand" WHERE "variantId" = NEW.id;
  INSERT INTO "VariantBand" ("variantId", "workspaceId", "band")
  SELECT DISTINCT NEW.id, NEW."workspaceId", b.band FROM unnest(NEW."lshBands") AS b(band);
  RETURN NULL;
END $$;

CREATE TRIGGER "Variant_bands_insert" AFTER INSERT ON "Variant" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_bands_inserted"();
CREATE TRIGGER "Variant_bands_update" AFTER UPDATE ON "Variant" FOR EACH ROW
  WHEN (OLD."lshBands" IS DISTINCT FROM NEW."lshBands" OR OLD."workspaceId" IS DISTINCT FROM NEW."workspaceId")
  EXECUTE FUNCTION "rytm_variant_bands_changed"();

-- Variants written before this migration.
INSERT INTO "VariantBand" ("variantId", "workspaceId", "band")
SELECT DISTINCT v.id, v."workspaceId", b.band FROM "Variant" v CROSS JOIN LATERAL unnest(v."lshBands") AS b(band);
