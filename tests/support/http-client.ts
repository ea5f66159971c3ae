// A minimal browser stand-in for HTTP tests: keeps cookies, sends the Origin header a
// browser sends with a form post, and never follows redirects (tests assert on them).
import { inject } from "vitest";

export class Client {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string = inject("baseUrl")) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
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

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
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
}
