// Every request Rytm makes goes to a public address, checked when the connection is opened.
// A check before the request (assertPublicHost) is not enough on its own: a host a person
// types (a Mastodon instance, a webhook, a team chat, a Bluesky PDS named in a DID document)
// can answer the check's DNS lookup with a public address and the connection's lookup with
// 127.0.0.1 or the cloud's metadata address (DNS rebinding). So the address is checked where
// it is used: in the connector of the process-wide dispatcher that fetch — ours and the
// libraries' (arctic) — goes through. ALLOW_PRIVATE_NETWORK_ADDRESSES turns it off (tests,
// an instance on the operator's own network).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, setGlobalDispatcher } from "undici";
import { env } from "./env.server";

export const PRIVATE_ADDRESS = "ERR_RYTM_PRIVATE_ADDRESS";

export const isPublicAddress = (address: string) => ipaddr.process(address).range() === "unicast";

function refusal(host: string, address: string) {
  const error = new Error(`${host} is at ${address}, a ${ipaddr.process(address).range()} address, not a public one`) as NodeJS.ErrnoException;
  error.code = PRIVATE_ADDRESS;
  return error;
}

/** An undici Agent that refuses to connect to an address `allowed` rejects, literal or resolved. */
export function guardedAgent(allowed: (address: string) => boolean = isPublicAddress): Agent {
  const lookup: net.LookupFunction = (hostname, options, callback) =>
    dnsLookup(hostname, options, (error, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address as string, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const refused = addresses.find((candidate) => !allowed(candidate));
      if (refused) return callback(refusal(hostname, refused), "", 0);
      (callback as (error: null, address: string | LookupAddress[], family?: number) => void)(null, address, family);
    });
  const connector = buildConnector({ lookup } as buildConnector.BuildOptions);
  return new Agent({
    connect: (options, callback) => {
      // An address written as the host is connected to without a lookup: checked here.
      const host = options.hostname.replace(/^\[|\]$/g, "");
      if (net.isIP(host) && !allowed(host)) return callback(refusal(host, host), null);
      return connector(options, callback);
    },
  });
}

/** Puts the guard in front of every fetch of this process (or thread), unless turned off. */
export function guardOutboundRequests() {
  if (!env().ALLOW_PRIVATE_NETWORK_ADDRESSES) setGlobalDispatcher(guardedAgent());
}
