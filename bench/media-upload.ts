// `npm run bench -- media`: a 500 MB video uploaded to the production web server, in its own
// process, while its resident memory is sampled from /proc every 50 ms. The upload is
// streamed end to end (decision 0040): the server's memory must not grow with the file
// (target: RSS growth ≤ 100 MB). The stored file is checked against what was sent.
import { createHash } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort } from "../scripts/local-services.ts";
import { startSandbox } from "../scripts/sandbox.ts";

const MEGABYTES = Number(process.env.BENCH_MEDIA_MB ?? 500);
const CHUNK = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** A multipart body around an MP4-looking file of `megabytes`, made chunk by chunk as it is read. */
function multipartBody(boundary: string, megabytes: number, hash: ReturnType<typeof createHash>) {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    pull(controller) {
      if (sent >= megabytes) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      const chunk = Buffer.alloc(CHUNK, sent % 251);
      // An ISO media "ftyp" box first, as a real MP4 starts.
      if (sent === 0) Buffer.from([0, 0, 0, 0x20, ...Buffer.from("ftypisom")]).copy(chunk);
      hash.update(chunk);
      sent += 1;
      controller.enqueue(chunk);
    },
  });
}

export async function mediaUpload() {
  const mediaDir = mkdtempSync(path.join(tmpdir(), "rytm-bench-media-"));
  const sandbox = await startSandbox("media", { NODE_ENV: "production", MEDIA_DIR: mediaDir, MEDIA_MAX_BYTES: String((MEGABYTES + 10) * CHUNK) });
  const { prisma } = await import("../app/utils/db.server.ts");
  const { sessionStorage } = await import("../app/utils/session.server.ts");
  const user = await prisma.user.create({ data: { email: "bench-media@rytm.example", name: "Bench", passwordHash: "-" }, select: { id: true } });
  const workspace = await prisma.workspace.create({ data: { name: "Bench media", slug: "bench-media", timeZone: "Europe/Warsaw", mixRules: {} }, select: { id: true } });
  await prisma.membership.create({ data: { userId: user.id, workspaceId: workspace.id, role: "EDITOR" } });
  const session = await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
  const cookieSession = await sessionStorage().getSession();
  cookieSession.set("sessionId", session.id);
  const cookie = (await sessionStorage().commitSession(cookieSession)).split(";")[0]!;

  if (spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" }).status !== 0) throw new Error("The app did not build.");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The web server as `npm run serve` starts it, in a process of its own whose memory is measured.
  const web = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/login`).then((r) => r.ok, () => false);
      if (ready) break;
      if (i > 600) throw new Error("The web server did not start.");
      await sleep(100);
    }
    // Warm: a few pages and one small upload, so that code loading is not counted as growth.
    for (let i = 0; i < 5; i++) await fetch(`${base}/w/bench-media/media`, { headers: { Cookie: cookie } }).then((r) => r.arrayBuffer());
    const small = new FormData();
    small.append("file", new Blob([new Uint8Array([0, 0, 0, 0x20, ...Buffer.from("ftypisom"), ...new Uint8Array(4096)])], { type: "video/mp4" }), "warm.mp4");
    await fetch(`${base}/w/bench-media/media/upload`, { method: "POST", body: small, headers: { Cookie: cookie, Origin: base } }).then((r) => r.arrayBuffer());
    await sleep(500);

    const baseline = await rssOf(web.pid!);
    let peak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rssOf(web.pid!).catch(() => peak));
        await sleep(50);
      }
    })();
    const hash = createHash("sha256");
    const boundary = `rytm-bench-${Date.now()}`;
    const started = performance.now();
    const response = await fetch(`${base}/w/bench-media/media/upload`, {
      method: "POST",
      body: multipartBody(boundary, MEGABYTES, hash),
      headers: { Cookie: cookie, Origin: base, "Content-Type": `multipart/form-data; boundary=${boundary}`, Accept: "application/json" },
      duplex: "half",
    } as RequestInit);
    const answer = (await response.json()) as { media?: { id: string; byteSize: number }; error?: string };
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    if (response.status !== 201 || !answer.media) throw new Error(`The upload answered ${response.status}: ${answer.error}`);
    const row = await prisma.media.findUniqueOrThrow({ where: { id: answer.media.id }, select: { sha256: true, byteSize: true } });
    const sent = hash.digest("hex");
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`Upload of a ${MEGABYTES} MB video to the web server (streamed to the media folder)`);
    console.log(`  ${seconds.toFixed(1)} s, ${(MEGABYTES / seconds).toFixed(0)} MB/s; stored ${mb(Number(row.byteSize))}, SHA-256 ${row.sha256 === sent ? "matches what was sent" : "DIFFERS from what was sent"}`);
    console.log(`  web process RSS: before ${mb(baseline)}, peak ${mb(peak)}, growth ${mb(peak - baseline)}   (target growth ≤ 100 MB)`);
    if (row.sha256 !== sent) process.exitCode = 1;
  } finally {
    web.kill("SIGTERM");
    await new Promise((r) => web.once("exit", r));
    await sandbox.cleanUp();
    await rm(mediaDir, { recursive: true, force: true });
  }
}
