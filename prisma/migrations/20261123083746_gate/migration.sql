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

-- The plan's version (Workspace.planVersion): every change a rule can see bumps it, once per
-- statement and workspace, whichever code path made the change. A verdict stored with the
-- version it saw is fresh while the version stands. Status changes of publishing (claims,
-- outcomes) are not plan changes and leave it alone.
CREATE FUNCTION "rytm_bump_plan"(workspace_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Workspace" SET "planVersion" = "planVersion" + 1 WHERE id = ANY(workspace_ids);
$$;

CREATE FUNCTION "rytm_variant_rows_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM old_rows));
  ELSE
    PERFORM "rytm_bump_plan"(ARRAY(
      SELECT DISTINCT n."workspaceId" FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.text IS DISTINCT FROM o.text OR n."scheduledAt" IS DISTINCT FROM o."scheduledAt" OR n."channelId" IS DISTINCT FROM o."channelId"
         OR (n.status = 'CANCELLED') IS DISTINCT FROM (o.status = 'CANCELLED')));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "rytm_post_rows_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "rytm_bump_plan"(ARRAY(SELECT DISTINCT "workspaceId" FROM old_rows));
  ELSE
    PERFORM "rytm_bump_plan"(ARRAY(
      SELECT DISTINCT n."workspaceId" FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.category IS DISTINCT FROM o.category OR n."scheduledAt" IS DISTINCT FROM o."scheduledAt"
         OR n."recurrenceParentId" IS DISTINCT FROM o."recurrenceParentId" OR n."recurrenceRule" IS DISTINCT FROM o."recurrenceRule"
         OR (n.status = 'CANCELLED') IS DISTINCT FROM (o.status = 'CANCELLED')));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "rytm_channel_rows_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "rytm_bump_plan"(ARRAY(
    SELECT DISTINCT n."workspaceId" FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.settings IS DISTINCT FROM o.settings OR n.enabled IS DISTINCT FROM o.enabled OR n.name IS DISTINCT FROM o.name));
  RETURN NULL;
END $$;

CREATE FUNCTION "rytm_workspace_rules_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."mixRules" IS DISTINCT FROM OLD."mixRules" OR NEW."timeZone" IS DISTINCT FROM OLD."timeZone" THEN
    NEW."planVersion" := OLD."planVersion" + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Variant_plan_insert" AFTER INSERT ON "Variant" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_rows_changed"();
CREATE TRIGGER "Variant_plan_update" AFTER UPDATE ON "Variant" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_rows_changed"();
CREATE TRIGGER "Variant_plan_delete" AFTER DELETE ON "Variant" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_variant_rows_changed"();
CREATE TRIGGER "Post_plan_insert" AFTER INSERT ON "Post" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_post_rows_changed"();
CREATE TRIGGER "Post_plan_update" AFTER UPDATE ON "Post" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_post_rows_changed"();
CREATE TRIGGER "Post_plan_delete" AFTER DELETE ON "Post" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_post_rows_changed"();
CREATE TRIGGER "Channel_plan_update" AFTER UPDATE ON "Channel" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rytm_channel_rows_changed"();
CREATE TRIGGER "Workspace_plan_rules" BEFORE UPDATE ON "Workspace" FOR EACH ROW EXECUTE FUNCTION "rytm_workspace_rules_changed"();
