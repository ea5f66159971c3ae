// A local HTTP server for a network's fake: records every request, answers through the
// network's handler, and lets a test queue one-off behaviours (an error, a slow answer).
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";

export type FakeRequest = { method: string; path: string; headers: IncomingMessage["headers"]; body: string; receivedAt: number; json: () => Record<string, unknown> };
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
export type Handler = (request: FakeRequest) => Reply;

export type Fake = {
  url: string;
  requests: FakeRequest[];
  /** The next matching requests get these replies instead of the handler's. */
  queue: (path: string, ...replies: Reply[]) => void;
  close: () => Promise<void>;
};

/** `latencyMs`: how long the network takes to answer (queued replies set their own). */
export async function startFake(handler: Handler, latencyMs = 0): Promise<Fake> {
  const requests: FakeRequest[] = [];
  const queued: { path: string; reply: Reply }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const request: FakeRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, receivedAt: Date.now(), json: () => JSON.parse(body || "{}") as Record<string, unknown> };
      requests.push(request);
      const index = queued.findIndex((q) => request.path.startsWith(q.path));
      const reply = index >= 0 ? queued.splice(index, 1)[0]!.reply : { delayMs: latencyMs || undefined, ...handler(request) };
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
