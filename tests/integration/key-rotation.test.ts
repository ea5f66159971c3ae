// `npm run rotate-keys` against this run's database: a new key put first, the running
// server's key kept second. Rows written under an older key (or in the format from before
// key ids) move to the newest; a second run finds nothing to do.
import { createCipheriv, randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { decrypt, encrypt, keyId } from "~/utils/encryption.server";
import { createUser, createWorkspace, unique } from "../support/fixtures";

const current = Buffer.from(process.env.ENCRYPTION_KEY!, "base64");
const retired = randomBytes(32);

// The running server's key stays newest: rotating moves only this file's rows, so tests
// running beside it still read every channel.
const rotateKeys = (keys: Buffer[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/rotate-keys.ts"], {
    encoding: "utf8",
    env: { ...process.env, ENCRYPTION_KEY: keys.map((k) => k.toString("base64")).join(",") },
  });

function sealV1(plaintext: string, secret: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), data].map((p) => p.toString("base64url"))].join(".");
}

describe("npm run rotate-keys", () => {
  it("re-encrypts credentials and TOTP secrets under the newest key, reports counts, and is idempotent", async () => {
    const workspace = await createWorkspace();
    const user = await createUser();
    const [underRetired, legacy, underCurrent] = await Promise.all(
      [encrypt("token-a", retired), sealV1("token-b", retired), encrypt("token-c", current)].map((credentials) =>
        prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: unique("ch"), credentials }, select: { id: true, credentials: true } }),
      ),
    );
    await prisma.user.update({ where: { id: user.id }, data: { totpSecret: encrypt("JBSWY3DPEHPK3PXP", retired) } });

    const first = rotateKeys([current, retired]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/channel credentials: 2 re-encrypted, \d+ already under the newest key/);
    expect(first.stdout).toMatch(/TOTP secrets: 1 re-encrypted/);

    const channels = await prisma.channel.findMany({ where: { workspaceId: workspace.id }, select: { id: true, credentials: true } });
    const byId = new Map(channels.map((c) => [c.id, c.credentials!]));
    expect(decrypt(byId.get(underRetired!.id)!, current)).toBe("token-a");
    expect(decrypt(byId.get(legacy!.id)!, current)).toBe("token-b");
    expect(byId.get(underCurrent!.id)).toBe(underCurrent!.credentials);
    for (const sealed of byId.values()) expect(sealed.split(".")[1]).toBe(keyId(current));
    const { totpSecret } = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    expect(decrypt(totpSecret!, current)).toBe("JBSWY3DPEHPK3PXP");

    const second = rotateKeys([current, retired]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/channel credentials: 0 re-encrypted/);
    expect(second.stdout).toMatch(/TOTP secrets: 0 re-encrypted/);
    expect(second.stdout).toContain("the older keys may now be removed");
  }, 60_000);

  it("names what no listed key opens and exits 1, changing nothing else", async () => {
    const workspace = await createWorkspace();
    const lost = encrypt("token-lost", randomBytes(32));
    const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "mastodon", name: unique("ch"), credentials: lost }, select: { id: true } });
    try {
      const run = rotateKeys([current, retired]);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`unreadable (ids: ${channel.id})`);
      expect((await prisma.channel.findUniqueOrThrow({ where: { id: channel.id } })).credentials).toBe(lost);
    } finally {
      await prisma.channel.delete({ where: { id: channel.id } });
    }
  }, 60_000);
});
