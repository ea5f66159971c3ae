// Once per `npm test`: a fresh database with every migration and the demo data, a fresh
// Redis prefix, a production build of the app, and the real web server and worker
// processes running against them. Torn down (database dropped, keys deleted) at the end.
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { freePort, startProcess, stop, waitFor } from "./processes.ts";
import { newTestEnv } from "./test-env.ts";
import { serveMailbox, startSmtpFake } from "../fakes/smtp.ts";
import { FACEBOOK_CLIENT, startFacebook } from "../fakes/facebook.ts";
import { LINKEDIN_CLIENT, startLinkedIn } from "../fakes/linkedin.ts";
import { THREADS_CLIENT, startThreads } from "../fakes/threads.ts";
import { X_CLIENT, startX } from "../fakes/x.ts";
import { startBluesky } from "../fakes/bluesky.ts";
import { TIKTOK_CLIENT, startTikTok } from "../fakes/tiktok.ts";
import { WORKER_BUNDLE, WORKER_NODE_FLAGS } from "../../scripts/worker-command";

export default async function setup(project: TestProject) {
  const testEnv = newTestEnv();
  Object.assign(process.env, testEnv);
  const { deployMigrations } = await import("../../prisma/schema-engine.server.ts");
  const { dropDatabase } = await import("../../prisma/database.server.ts");
  await deployMigrations(testEnv.DATABASE_URL);
  const { seedDemo } = await import("../../prisma/demo-data.ts");
  await seedDemo();

  for (const [command, args] of [["node_modules/.bin/remix", ["vite:build", "--logLevel", "error"]], ["npm", ["run", "--silent", "build:worker"]]] as const) {
    const build = spawnSync(command, args, { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`The app did not build:\n${build.stdout}\n${build.stderr}`);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A real SMTP server in this process receives what the worker sends; tests read it over HTTP.
  const smtp = await startSmtpFake();
  const mailbox = await serveMailbox(smtp);
  // Loopback is trusted as a proxy: an HTTP test may name its client address (X-Forwarded-For),
  // so that per-address limits of one test do not hold back the others.
  // The networks Rytm's apps are registered with for connecting accounts (decision 0033):
  // fakes whose origin stands in for the networks' hosts. Mastodon instances are the tests'
  // own fakes on loopback, which only ALLOW_PRIVATE_NETWORK_ADDRESSES lets Rytm reach.
  const x = await startX(0, [`${baseUrl}/oauth/x/callback`]);
  const linkedin = await startLinkedIn(0, [`${baseUrl}/oauth/linkedin/callback`]);
  // One Meta app signs in with Facebook Login for Pages and Instagram accounts alike.
  const facebook = await startFacebook(0, [`${baseUrl}/oauth/facebook/callback`, `${baseUrl}/oauth/instagram/callback`]);
  const threads = await startThreads({ redirectUris: [`${baseUrl}/oauth/threads/callback`] });
  const tiktok = await startTikTok(0, [`${baseUrl}/oauth/tiktok/callback`]);
  // One fake is Bluesky's handle resolver, its PLC directory and the account's PDS (decision 0036).
  const bluesky = await startBluesky();
  const networks = {
    X_CLIENT_ID: X_CLIENT.id,
    X_CLIENT_SECRET: X_CLIENT.secret,
    X_API_URL: x.url,
    LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT.id,
    LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT.secret,
    LINKEDIN_API_URL: linkedin.url,
    FACEBOOK_CLIENT_ID: FACEBOOK_CLIENT.id,
    FACEBOOK_CLIENT_SECRET: FACEBOOK_CLIENT.secret,
    FACEBOOK_API_URL: facebook.url,
    THREADS_CLIENT_ID: THREADS_CLIENT.id,
    THREADS_CLIENT_SECRET: THREADS_CLIENT.secret,
    THREADS_API_URL: threads.url,
    TIKTOK_CLIENT_KEY: TIKTOK_CLIENT.key,
    TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT.secret,
    TIKTOK_API_URL: tiktok.url,
    BLUESKY_HANDLE_RESOLVER: bluesky.url,
    BLUESKY_PLC_URL: bluesky.url,
    ALLOW_PRIVATE_NETWORK_ADDRESSES: "true",
  };
  const appEnv = { ...testEnv, ...networks, APP_URL: baseUrl, SMTP_URL: smtp.url, MAIL_FROM: "Rytm tests <rytm@test.example>", TRUST_PROXY: "loopback" };
  const web = startProcess("server/index.ts", { ...appEnv, PORT: String(port), HOST: "127.0.0.1" });
  // The worker runs from its production bundle, as `npm start` runs it.
  const worker = startProcess(WORKER_BUNDLE, appEnv, [], true, WORKER_NODE_FLAGS);
  await waitFor("the web server and the worker", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    return response.ok ? true : undefined;
  }).catch(async (error: Error) => {
    // Leave no server behind when the run cannot start.
    await Promise.all([stop(web.child), stop(worker.child), mailbox.close(), smtp.close(), x.close(), linkedin.close(), facebook.close(), threads.close(), tiktok.close(), bluesky.close()]);
    throw new Error(`${error.message}\nweb:\n${web.output()}\nworker:\n${worker.output()}`);
  });

  project.provide("testEnv", testEnv);
  project.provide("baseUrl", baseUrl);
  project.provide("mailboxUrl", mailbox.url);
  project.provide("networkFakes", { x: x.url, linkedin: linkedin.url, facebook: facebook.url, threads: threads.url, tiktok: tiktok.url, bluesky: bluesky.url });
  project.provide("networkEnv", networks);

  return async () => {
    await Promise.all([stop(web.child), stop(worker.child)]);
    await Promise.all([mailbox.close(), smtp.close(), x.close(), linkedin.close(), facebook.close(), threads.close(), tiktok.close(), bluesky.close()]);
    const { prisma } = await import("../../app/utils/db.server.ts");
    await prisma.$disconnect();
    await dropDatabase(testEnv.DATABASE_URL);
    const { redis } = await import("../../app/utils/redis.server.ts");
    const keys = await redis().keys(`${testEnv.REDIS_PREFIX}:*`);
    if (keys.length) await redis().del(...keys);
    redis().disconnect();
    await rm(testEnv.MEDIA_DIR, { recursive: true, force: true });
  };
}
