// Rytm fetches hosts a person types (a Mastodon instance). Without a check, anyone who can
// connect a channel could make the server call its own loopback, the cloud's metadata
// address or the operator's private network (SSRF). Every address the name resolves to must
// be a public unicast one, unless ALLOW_PRIVATE_NETWORK_ADDRESSES says otherwise (tests, an
// instance on the operator's own network).
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { env } from "./env.server";
import { isPublicAddress } from "./outbound-guard.server";

export class PrivateAddressError extends Error {}

/** Throws PrivateAddressError when the URL's host is, or resolves to, a non-public address. */
export async function assertPublicHost(url: string): Promise<void> {
  if (env().ALLOW_PRIVATE_NETWORK_ADDRESSES) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  for (const address of addresses) {
    if (!isPublicAddress(address)) throw new PrivateAddressError(`${host} is a ${ipaddr.process(address).range()} address, not a public one`);
  }
}
