// Connecting an account over HTTP as a person does: Connect on the channels page, the fake
// network's consent page, back at Rytm, the pick.
import { expect } from "vitest";
import type { Client } from "./http-client";
import { pageForms } from "./html-forms";

/** Starts connecting: the authorize URL the server sends the browser to. */
export async function start(client: Client, slug: string, network: string, form: Record<string, string> = {}) {
  const response = await client.post(`/w/${slug}/channels/connect/${network}`, form);
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

/** The person presses a button on the network's consent page: where it sends the browser back. */
export async function consent(authorizeUrl: string, decision: "allow" | "deny" = "allow") {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  // One variant of the form per button: the one the person presses.
  const form = pageForms(await page.text(), authorizeUrl).find((f) => f.fields.some(([name, value]) => name === "decision" && value === decision))!;
  const response = await fetch(new URL(form.action, authorizeUrl), { method: "POST", body: new URLSearchParams(form.fields), redirect: "manual" });
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

/** Back at Rytm: the pick page's path. */
export async function callback(client: Client, location: string) {
  const response = await client.get(location);
  expect(response.status, await response.clone().text()).toBe(302);
  return response.headers.get("location")!;
}

/** The whole flow for a network with one account (X): the channel it made or reconnected. */
export async function connectX(client: Client, slug: string, channelId?: string) {
  const pick = await callback(client, await consent(await start(client, slug, "x", channelId ? { channelId } : {})));
  const accounts = await (await client.get(pick)).text();
  const account = /name="account" value="([^"]+)"/.exec(accounts)![1]!;
  expect((await client.post(pick, { account })).status).toBe(302);
}
