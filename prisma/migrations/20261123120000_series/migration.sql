-- A recurring series becomes a first-class row; its occurrences are posts known by the
-- nominal date the rule names (RFC 5545 RECURRENCE-ID), not by their time.

-- CreateTable
CREATE TABLE "Series" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "authorId" TEXT,
    "freq" VARCHAR(10) NOT NULL,
    "interval" INTEGER NOT NULL DEFAULT 1,
    "byWeekday" TEXT[],
    "startDate" VARCHAR(10) NOT NULL,
    "time" VARCHAR(5) NOT NULL,
    "timeZone" VARCHAR(64) NOT NULL,
    "untilDate" VARCHAR(10),
    "count" INTEGER,
    "missing" VARCHAR(12) NOT NULL DEFAULT 'last-day',
    "stoppedFrom" VARCHAR(10),
    "indexOffset" INTEGER NOT NULL DEFAULT 0,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "category" VARCHAR(40) NOT NULL,
    "campaignTag" VARCHAR(100),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeriesChannel" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "texts" TEXT[],
    "rotationFrom" INTEGER NOT NULL DEFAULT 0,
    "link" VARCHAR(2048),
    "mediaUrls" TEXT[],

    CONSTRAINT "SeriesChannel_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Series_workspaceId_idx" ON "Series"("workspaceId");
CREATE UNIQUE INDEX "SeriesChannel_seriesId_channelId_key" ON "SeriesChannel"("seriesId", "channelId");
ALTER TABLE "Series" ADD CONSTRAINT "Series_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SeriesChannel" ADD CONSTRAINT "SeriesChannel_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SeriesChannel" ADD CONSTRAINT "SeriesChannel_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Post" ADD COLUMN "seriesId" TEXT, ADD COLUMN "occurrenceKey" VARCHAR(10);

-- Existing series: the post that carried the rule becomes the series (same id), its rule is
-- read from the RRULE text, its local date and time from its instant in the workspace's zone.
INSERT INTO "Series" ("id", "workspaceId", "authorId", "freq", "interval", "byWeekday", "startDate", "time", "timeZone", "untilDate", "count", "missing", "title", "body", "category", "campaignTag", "updatedAt")
SELECT p.id, p."workspaceId", p."authorId",
       lower(substring(p."recurrenceRule" from 'FREQ=([A-Z]+)')),
       COALESCE(substring(p."recurrenceRule" from 'INTERVAL=([0-9]+)')::int, 1),
       COALESCE(string_to_array(substring(p."recurrenceRule" from 'BYDAY=([A-Z,]+)'), ','), ARRAY[]::TEXT[]),
       to_char(p."scheduledAt" AT TIME ZONE w."timeZone", 'YYYY-MM-DD'),
       to_char(p."scheduledAt" AT TIME ZONE w."timeZone", 'HH24:MI'),
       w."timeZone",
       (SELECT to_char(to_date(m[1], 'YYYYMMDD'), 'YYYY-MM-DD') FROM regexp_match(p."recurrenceRule", 'UNTIL=([0-9]{8})') m),
       substring(p."recurrenceRule" from 'COUNT=([0-9]+)')::int,
       'skip',
       p.title, p.body, p.category, p."campaignTag", CURRENT_TIMESTAMP
FROM "Post" p JOIN "Workspace" w ON w.id = p."workspaceId"
WHERE p."recurrenceRule" IS NOT NULL AND p."recurrenceParentId" IS NULL AND p."scheduledAt" IS NOT NULL;

INSERT INTO "SeriesChannel" ("id", "seriesId", "channelId", "texts", "link", "mediaUrls")
SELECT 'sc' || v.id, v."postId", v."channelId", ARRAY[v.text], v.link, v."mediaUrls"
FROM "Variant" v JOIN "Series" s ON s.id = v."postId";

-- Each post of a series is the occurrence of its local date; where the old materialisation
-- made a second post for a date (a moved occurrence made again), the earliest keeps the key
-- and the later one stays in the plan as a post of its own.
WITH members AS (
  SELECT p.id, s.id AS series_id, to_char(p."scheduledAt" AT TIME ZONE s."timeZone", 'YYYY-MM-DD') AS key,
         row_number() OVER (PARTITION BY s.id, to_char(p."scheduledAt" AT TIME ZONE s."timeZone", 'YYYY-MM-DD') ORDER BY p."createdAt", p.id) AS n
  FROM "Post" p JOIN "Series" s ON s.id = COALESCE(p."recurrenceParentId", p.id)
  WHERE p."scheduledAt" IS NOT NULL
)
UPDATE "Post" p SET "seriesId" = m.series_id, "occurrenceKey" = m.key
FROM members m WHERE m.id = p.id AND m.n = 1;

-- The plan-version trigger watched the old columns; it watches the series ones now.
DROP TRIGGER "Post_plan_update" ON "Post";
ALTER TABLE "Post" DROP CONSTRAINT "Post_recurrenceParentId_fkey";
DROP INDEX "Post_recurrenceParentId_scheduledAt_key";
ALTER TABLE "Post" DROP COLUMN "recurrenceParentId", DROP COLUMN "recurrenceRule";
CREATE TRIGGER "Post_plan_update" AFTER UPDATE ON "Post" FOR EACH ROW
  WHEN (OLD.category IS DISTINCT FROM NEW.category OR OLD."scheduledAt" IS DISTINCT FROM NEW."scheduledAt"
        OR OLD."seriesId" IS DISTINCT FROM NEW."seriesId"
        OR (OLD.status = 'CANCELLED') IS DISTINCT FROM (NEW.status = 'CANCELLED'))
  EXECUTE FUNCTION "rytm_row_changed"();

CREATE UNIQUE INDEX "Post_seriesId_occurrenceKey_key" ON "Post"("seriesId", "occurrenceKey");
ALTER TABLE "Post" ADD CONSTRAINT "Post_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE SET NULL ON UPDATE CASCADE;
