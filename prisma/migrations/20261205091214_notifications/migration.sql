-- Notifications (decision 0029): events written with the change that caused them, fanned out by
-- the worker to people (the bell, mail now or in a digest) and to the team's chat.

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "visibleToClient" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN     "clientEmail" VARCHAR(254),
ADD COLUMN     "clientLocale" VARCHAR(10) NOT NULL DEFAULT 'en',
ADD COLUMN     "tokenCipher" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "notificationSettings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "approvalReminderHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "chatWebhook" TEXT;

-- CreateTable
CREATE TABLE "NotificationEvent" (
    "id" TEXT NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "actorId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fannedOutAt" TIMESTAMP(3),

    CONSTRAINT "NotificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "postId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "mail" VARCHAR(10) NOT NULL DEFAULT 'NONE',
    "digestedAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" TEXT NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "body" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attemptId" VARCHAR(40),
    "leaseUntil" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" VARCHAR(1000),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotificationEvent_key_key" ON "NotificationEvent"("key");

-- CreateIndex
CREATE INDEX "NotificationEvent_fannedOutAt_createdAt_idx" ON "NotificationEvent"("fannedOutAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_mail_digestedAt_idx" ON "Notification"("mail", "digestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_eventId_userId_key" ON "Notification"("eventId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatMessage_key_key" ON "ChatMessage"("key");

-- CreateIndex
CREATE INDEX "ChatMessage_status_nextAttemptAt_idx" ON "ChatMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Post_status_scheduledAt_idx" ON "Post"("status", "scheduledAt");

-- AddForeignKey
ALTER TABLE "NotificationEvent" ADD CONSTRAINT "NotificationEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Publishing problems become events whatever path writes them (the worker's outcome, the
-- sweeper's recovery, a hold at the claim): a row trigger whose WHEN lets every other update,
-- a published outcome above all, pass at no cost. Held by a pause is not an event of its own:
-- the team paused on purpose, and "resumed" says how many posts wait.
CREATE FUNCTION "rytm_variant_problem"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := CASE WHEN NEW.status = 'FAILED' THEN 'publish-failed' WHEN NEW.status = 'UNKNOWN' THEN 'publish-unknown' ELSE 'publish-held' END;
BEGIN
  INSERT INTO "NotificationEvent" (id, key, "workspaceId", kind, data)
  VALUES (gen_random_uuid()::text, kind || ':' || NEW.id || ':' || NEW."scheduleVersion" || ':' || NEW.attempts, NEW."workspaceId", kind,
          jsonb_build_object('postId', NEW."postId", 'variantId', NEW.id, 'channelId', NEW."channelId", 'reason', left(coalesce(NEW."lastError", ''), 500)))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "Variant_problem" AFTER UPDATE OF status, "failureClass" ON "Variant" FOR EACH ROW
  WHEN ((NEW.status IN ('FAILED', 'UNKNOWN') AND OLD.status IS DISTINCT FROM NEW.status)
     OR (NEW.status = 'SCHEDULED' AND NEW."failureClass" = 'held-rules' AND OLD."failureClass" IS DISTINCT FROM NEW."failureClass"))
  EXECUTE FUNCTION "rytm_variant_problem"();

-- New events wake the workers listening (one notification per statement, delivered at commit).
CREATE FUNCTION "rytm_notification_wake"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rytm_notification_events', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "NotificationEvent_wake" AFTER INSERT ON "NotificationEvent" FOR EACH STATEMENT EXECUTE FUNCTION "rytm_notification_wake"();
