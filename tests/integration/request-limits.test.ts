// Issue 11, finding 7: an upload without Content-Length was buffered whole before the 413
// (a 100 MB chunked upload grew the web process by 220 MB). Now bytes are counted as they
// arrive and nothing past the limit is read.
import http from "node:http";
import { describe, expect, it, inject } from "vitest";
import { IMPORT_BODY_LIMIT, FORM_BODY_LIMIT } from "../../server/body-limits";
import { workspaceWithMember } from "../support/fixtures";

type Sent = { status: number; body: string; bytesSent: number };

/** Streams `total` bytes with chunked encoding, stopping when the server answers or hangs up. */
function chunkedUpload(path: string, cookie: string, total: number, contentType = "multipart/form-data; boundary=x"): Promise<Sent> {
  const url = new URL(path, inject("baseUrl"));
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered: Sent | null = null;
    const request = http.request(url, { method: "POST", headers: { "Content-Type": contentType, "Transfer-Encoding": "chunked", Cookie: cookie, Origin: url.origin } });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        answered = { status: response.statusCode!, body, bytesSent };
        resolve(answered);
        request.destroy();
      });
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && bytesSent < total && !request.destroyed) {
        bytesSent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered && bytesSent >= total) request.end();
    };
    pump();
  });
}

describe("request bodies", () => {
  it("a chunked upload over the limit is refused with 413 without being read to the end", async () => {
    const { client, workspace } = await workspaceWithMember("OWNER");
    const cookie = client.cookieHeader();
    const total = 100 * 1024 * 1024;
    const sent = await chunkedUpload(`/w/${workspace.slug}/transfer/upload`, cookie, total);
    expect(sent.status).toBe(413);
    expect(JSON.parse(sent.body)).toMatchObject({ error: expect.stringMatching(/too large/) });
    // What the client managed to send before the answer: the limit plus what sat in socket buffers.
    expect(sent.bytesSent).toBeLessThan(IMPORT_BODY_LIMIT + 16 * 1024 * 1024);
    expect(sent.bytesSent).toBeLessThan(total / 2);
  });

  it("an ordinary form over its smaller limit is refused too, chunked or with a Content-Length", async () => {
    const { client, workspace } = await workspaceWithMember("OWNER");
    const cookie = client.cookieHeader();
    const chunked = await chunkedUpload(`/w/${workspace.slug}/posts/new`, cookie, 50 * 1024 * 1024, "application/x-www-form-urlencoded");
    expect(chunked.status).toBe(413);
    expect(chunked.bytesSent).toBeLessThan(FORM_BODY_LIMIT + 16 * 1024 * 1024);
    const declared = await client.post(`/w/${workspace.slug}/posts/new`, { title: "x".repeat(FORM_BODY_LIMIT) });
    expect(declared.status).toBe(413);
  });

  it("a body that is not a form is 415, a cut-short multipart form 400", async () => {
    const { client, workspace } = await workspaceWithMember("OWNER");
    const post = (body: string, type: string) => client.request(`/w/${workspace.slug}/channels`, { method: "POST", body, headers: { "Content-Type": type, Origin: client.baseUrl } });
    expect((await post('{"network":"x","name":"n"}', "application/json")).status).toBe(415);
    expect((await post("network=x", "text/plain")).status).toBe(415);
    expect((await post('--x\r\nContent-Disposition: form-data; name="network"\r\n\r\nx', "multipart/form-data; boundary=x")).status).toBe(400);
    expect((await post("", "multipart/form-data")).status).toBe(400);
  });
});
