// A minimal browser stand-in for HTTP tests: keeps cookies, sends the Origin header a
// browser sends with a form post, and never follows redirects (tests assert on them).
import { randomInt } from "node:crypto";
import { inject } from "vitest";

/** An address from IPv6's documentation prefix: only ever a header value, never contacted. */
export const randomAddress = () => `2001:db8::${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;

export class Client {
  private cookies = new Map<string, string>();

  /**
   * `address`: the client address this client appears to come from. The test server trusts
   * X-Forwarded-For from loopback (TRUST_PROXY=loopback), so tests of per-address limits
   * each get their own address instead of sharing 127.0.0.1 with every other test.
   */
  constructor(
    readonly baseUrl: string = inject("baseUrl"),
    readonly address?: string,
  ) {}

  /** A client at a fresh private address of its own. */
  static at(address: string = randomAddress()) {
    return new Client(undefined, address);
  }

  async request(path: string, init: RequestInit & { form?: Record<string, string> | URLSearchParams } = {}) {
    const headers = new Headers(init.headers);
    if (this.address && !headers.has("X-Forwarded-For")) headers.set("X-Forwarded-For", this.address);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form);
      if (!headers.has("Origin")) headers.set("Origin", this.baseUrl);
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || attributes.some((a) => /^\s*max-age=0$/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}) {
    return this.request(path, { method: "POST", form, headers });
  }

  async signIn(email: string, password: string) {
    const response = await this.post("/login", { email, password, redirectTo: "/" });
    if (response.status !== 302) throw new Error(`sign-in as ${email} failed with ${response.status}`);
    return this;
  }

  /** The Cookie header this client sends, for requests made without it (raw sockets). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }
}
