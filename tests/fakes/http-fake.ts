// A local HTTP server for a network's fake: records every request, answers through the
// network's handler, and lets a test queue one-off behaviours (an error, a slow answer) or
// a drill inject them into every n-th request — including the worst kind: the network does
// the work (creates the post) and then answers with an error, or too late.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";

/** `bytes`: the body as received (an uploaded file); `form`: a multipart or urlencoded body parsed as the Fetch standard does. */
export type FakeRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  bytes: Buffer;
  receivedAt: number;
  json: () => Record<string, unknown>;
  form: () => Promise<FormData>;
};
/** `raw`: a body sent as it is (an HTML page), not as JSON. */
export type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string>; delayMs?: number };
export type Handler = (request: FakeRequest) => Reply | Promise<Reply>;
/**
 * A queued or injected reply: one of its own instead of the network's, or `afterHandling`:
 * the network handles the request first (the post is created), then answers with this
 * reply instead — or, given only `delayMs`, with its own answer that late.
 */
export type Special = Reply | (Partial<Reply> & { afterHandling: true });

export type Fake = {
  url: string;
  requests: FakeRequest[];
  /** The next matching requests get these replies instead of the handler's. `path` may start with a method: "GET /posts". */
  queue: (path: string, ...replies: Special[]) => void;
  /** From now on, every `every`-th matching request gets the next of these replies in turn. */
  injectFaults: (path: string, every: number, replies: Special[]) => void;
  /** How many requests got an injected fault. */
  faultsInjected: () => number;
  close: () => Promise<void>;
};

const matches = (pattern: string, request: FakeRequest) => {
  const [method, path] = pattern.includes(" ") ? pattern.split(" ", 2) : [null, pattern];
  return (!method || method === request.method) && request.path.startsWith(path!);
};

/** `latencyMs`: how long the network takes to answer (queued replies set their own). */
export async function startFake(handler: Handler, latencyMs = 0): Promise<Fake> {
  const requests: FakeRequest[] = [];
  const queued: { path: string; reply: Special }[] = [];
  const faults: { path: string; every: number; replies: Special[]; seen: number }[] = [];
  let injected = 0;
  const pick = (request: FakeRequest): Special | undefined => {
    const index = queued.findIndex((q) => matches(q.path, request));
    if (index >= 0) return queued.splice(index, 1)[0]!.reply;
    const fault = faults.find((f) => matches(f.path, request));
    if (!fault || ++fault.seen % fault.every !== 0) return undefined;
    return fault.replies[injected++ % fault.replies.length];
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const bytes = Buffer.concat(chunks);
      const body = bytes.toString();
      const form = () => new Response(bytes, { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData();
      const request: FakeRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, bytes, receivedAt: Date.now(), json: () => JSON.parse(body || "{}") as Record<string, unknown>, form };
      requests.push(request);
      const special = pick(request);
      let reply: Reply;
      if (special && !("afterHandling" in special)) reply = special;
      else {
        const handled = { delayMs: latencyMs || undefined, ...(await handler(request)) };
        if (!special) reply = handled;
        else if (special.status === undefined) reply = { ...handled, delayMs: special.delayMs ?? handled.delayMs };
        else reply = { status: special.status, body: special.body, headers: special.headers, delayMs: special.delayMs };
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { "content-type": reply.raw === undefined ? "application/json" : "text/html; charset=utf-8", ...reply.headers });
        res.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (path, ...replies) => queued.push(...replies.map((reply) => ({ path, reply }))),
    injectFaults: (path, every, replies) => faults.push({ path, every, replies, seen: 0 }),
    faultsInjected: () => injected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
