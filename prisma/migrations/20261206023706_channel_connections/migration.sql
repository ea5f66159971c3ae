-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "credentialsVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "needsReconnect" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OAuthApp" (
    "id" TEXT NOT NULL,
    "origin" VARCHAR(300) NOT NULL,
    "redirectUri" VARCHAR(500) NOT NULL,
    "clientId" VARCHAR(200) NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthApp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OAuthApp_origin_redirectUri_key" ON "OAuthApp"("origin", "redirectUri");
