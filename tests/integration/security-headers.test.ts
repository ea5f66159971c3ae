// Issue 11, finding 8: security headers on every response — pages, data requests,
// resource routes, static files, refusals, errors and the queue dashboard — with a
// Content-Security-Policy whose script nonce is the one on the page's inline scripts.
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/demo-data";
import { type Started, freePort, startProcess, stop, waitFor } from "../support/processes";
import { Client } from "../support/http-client";
import { workspaceWithMember } from "../support/fixtures";

const cspOf = (response: Response) => response.headers.get("content-security-policy") ?? "";

function expectHardened(response: Response, what: string) {
  const csp = cspOf(response);
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'(;|$)/);
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("are on pages, data requests, resource routes, static files, refusals and errors", async () => {
    const { client, workspace } = await workspaceWithMember("OWNER");
    const anonymous = new Client();
    const page = await client.get(`/w/${workspace.slug}`);
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+\.css)"/.exec(html)!;
    const responses: [string, Response][] = [
      ["a page", page],
      ["the sign-in page", await anonymous.get("/login")],
      ["a redirect", await anonymous.get(`/w/${workspace.slug}`)],
      ["a data request", await client.get(`/w/${workspace.slug}.data`)],
      ["a CSV export", await client.get(`/w/${workspace.slug}/export?from=2026-01-01&to=2026-01-31`)],
      ["rule badges (JSON)", await client.get(`/w/${workspace.slug}/plan-check?from=x&to=y`)],
      ["a static file", await anonymous.get(asset[1] ?? asset[2]!)],
      ["the favicon", await anonymous.get("/favicon.svg")],
      ["a page that does not exist", await client.get("/no/such/page")],
      ["a workspace that does not exist", await client.get("/w/no-such-workspace")],
      ["a refused body", await client.request(`/w/${workspace.slug}/channels`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json", Origin: client.baseUrl } })],
      ["a refused address", await client.get("/w/%00")],
      ["a cross-site refusal", await client.post(`/w/${workspace.slug}/channels`, {}, { Origin: "https://evil.example" })],
      ["the health check", await anonymous.get("/healthz")],
      ["the queue dashboard for someone else", await client.get("/admin/queues")],
    ];
    for (const [what, response] of responses) expectHardened(response, what);
  });

  it("give the page's inline scripts the nonce of its own policy, a new one each time", async () => {
    const first = await new Client().get("/login");
    const nonce = /'nonce-([^']+)'/.exec(cspOf(first))![1]!;
    const html = await first.text();
    const inline = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)!;
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\son[a-z]+="/);
    const second = await new Client().get("/login");
    expect(/'nonce-([^']+)'/.exec(cspOf(second))![1]).not.toBe(nonce);
  });

  it("are on the queue dashboard, which no longer says it runs on Express", async () => {
    const operator = await new Client().signIn(demoUsers[0].email, DEMO_PASSWORD);
    for (const path of ["/admin/queues", "/admin/queues/api/queues"]) {
      const response = await operator.get(path);
      expect(response.status, path).toBe(200);
      expectHardened(response, path);
    }
  });

  it("leave HSTS out outside production", async () => {
    expect((await new Client().get("/login")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("in production", () => {
  let server: Started;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startProcess("server/index.ts", { ...inject("testEnv"), NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" });
    await waitFor("the production web server", async () => ((await fetch(`${baseUrl}/login`)).ok ? true : undefined)).catch((error: Error) => {
      throw new Error(`${error.message}\n${server.output()}`);
    });
  });

  afterAll(() => stop(server.child));

  it("HSTS is on every response too", async () => {
    for (const path of ["/login", "/favicon.svg", "/no/such/page", "/healthz", "/admin/queues"]) {
      const response = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), path).toMatch(/^max-age=\d{8,}/);
      expectHardened(response, path);
    }
  });
});
