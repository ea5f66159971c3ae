-- AlterTable
ALTER TABLE "Approval" ADD COLUMN     "shareLinkId" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "overrideRules" TEXT[],
ADD COLUMN     "verdictBlocking" BOOLEAN,
ADD COLUMN     "verdictVersion" INTEGER;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "planVersion" INTEGER NOT NULL DEFAULT 0;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_shareLinkId_fkey" FOREIGN KEY ("shareLinkId") REFERENCES "ShareLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The plan's version (Workspace.planVersion): every change a rule can see bumps it, whichever
-- code path made the change (inserts and deletes once per statement and workspace). A
-- verdict stored with the version it saw is fresh while the version stands. Status changes
-- of publishing (claims, outcomes) are not plan changes and leave it alone.
CREATE FUNCTION "rytm_bump_plan"(workspace_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Workspace" SET "planVersion" = "planVersion" + 1 WHERE id = ANY(workspace_ids);
$$;

CREATE FUNCTION "rytm_rows_inserted_or_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows));
  ELSE
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

-- Updates: a row trigger whose WHEN clause PostgreSQL evaluates without calling any function,
-- so the worker's claims and outcomes (status changes only) cost nothing here.
CREATE FUNCTION "rytm_row_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rytm_bump_plan"(ARRAY[NEW."workspaceId"]);
  RETURN NULL;
END $$;

CREATE FUNCTION "rytm_workspace_rules_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."mixRules" IS DISTINCT FROM OLD."mixRules" OR NEW."timeZone" IS DISTINCT FROM OLD."timeZone" THEN
    NEW."planVersion" := OLD."planVersion" + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Variant_plan_insert" AFTER INSERT ON "Variant" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_rows_inserted_or_deleted"();
CREATE TRIGGER "Variant_plan_delete" AFTER DELETE ON "Variant" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_rows_inserted_or_deleted"();
CREATE TRIGGER "Variant_plan_update" AFTER UPDATE ON "Variant" FOR EACH ROW
  WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD."scheduledAt" IS DISTINCT FROM NEW."scheduledAt" OR OLD."channelId" IS DISTINCT FROM NEW."channelId"
        OR (OLD.status = 'CANCELLED') IS DISTINCT FROM (NEW.status = 'CANCELLED'))
  EXECUTE FUNCTION "rytm_row_changed"();
CREATE TRIGGER "Post_plan_insert" AFTER INSERT ON "Post" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_rows_inserted_or_deleted"();
CREATE TRIGGER "Post_plan_delete" AFTER DELETE ON "Post" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_rows_inserted_or_deleted"();
CREATE TRIGGER "Post_plan_update" AFTER UPDATE ON "Post" FOR EACH ROW
  WHEN (OLD.category IS DISTINCT FROM NEW.category OR OLD."scheduledAt" IS DISTINCT FROM NEW."scheduledAt"
        OR OLD."recurrenceParentId" IS DISTINCT FROM NEW."recurrenceParentId" OR OLD."recurrenceRule" IS DISTINCT FROM NEW."recurrenceRule"
        OR (OLD.status = 'CANCELLED') IS DISTINCT FROM (NEW.status = 'CANCELLED'))
  EXECUTE FUNCTION "rytm_row_changed"();
CREATE TRIGGER "Channel_plan_update" AFTER UPDATE ON "Channel" FOR EACH ROW
  WHEN (OLD.settings IS DISTINCT FROM NEW.settings OR OLD.enabled IS DISTINCT FROM NEW.enabled OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION "rytm_row_changed"();
CREATE TRIGGER "Workspace_plan_rules" BEFORE UPDATE ON "Workspace" FOR EACH ROW EXECUTE FUNCTION "rytm_workspace_rules_changed"();
