// Where a Bluesky account lives (AT Protocol identity): a handle resolves to a DID — through
// the resolver the server names (com.atproto.identity.resolveHandle), or as the protocol
// itself says, a DNS TXT record at _atproto.<handle> or https://<handle>/.well-known/atproto-did —
// and the DID's document (the PLC directory for did:plc, the host for did:web) names the
// account's PDS, where it signs in. Every host comes from a person or the network, so each
// must be public (assertPublicHost) and no request follows redirects.
import { resolveTxt } from "node:dns/promises";
import { z } from "zod";
import { env } from "~/utils/env.server";
import { assertPublicHost } from "~/utils/public-address.server";

/** `unreachable`: a resolver or directory did not answer (try again), rather than "no such account". */
export class IdentityError extends Error {
  constructor(
    message: string,
    readonly unreachable = false,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;
const didSchema = z.string().regex(/^did:(plc|web):[A-Za-z0-9._:%-]{1,200}$/);
const handleSchema = z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/).max(253);

/** What a person types, as a handle or a DID: "@Name.bsky.social" → "name.bsky.social". */
export function parseIdentifier(typed: string): { did: string } | { handle: string } | null {
  const value = typed.trim().replace(/^@/, "");
  if (value.startsWith("did:")) return didSchema.safeParse(value).success ? { did: value } : null;
  const handle = value.toLowerCase();
  return handleSchema.safeParse(handle).success ? { handle } : null;
}

async function get(url: string): Promise<Response> {
  await assertPublicHost(url);
  return fetch(url, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
}

async function didFromDns(handle: string): Promise<string | null> {
  const records = await resolveTxt(`_atproto.${handle}`).catch(() => [] as string[][]);
  const found = records.map((parts) => parts.join("")).find((text) => text.startsWith("did="));
  return found ? found.slice(4) : null;
}

async function didFromWellKnown(handle: string): Promise<string | null> {
  const response = await get(`https://${handle}/.well-known/atproto-did`).catch(() => null);
  return response?.ok ? (await response.text()).trim() : null;
}

async function didFromResolver(resolver: string, handle: string): Promise<string | null> {
  const response = await get(`${resolver}/xrpc/com.atproto.identity.resolveHandle?${new URLSearchParams({ handle })}`).catch(() => {
    throw new IdentityError(`The handle resolver ${resolver} could not be reached.`, true);
  });
  if (!response.ok) return null;
  const body = z.object({ did: z.string() }).safeParse(await response.json().catch(() => null));
  return body.success ? body.data.did : null;
}

export async function resolveHandle(handle: string): Promise<string> {
  const resolver = env().BLUESKY_HANDLE_RESOLVER?.replace(/\/+$/, "");
  const did = resolver ? await didFromResolver(resolver, handle) : ((await didFromDns(handle)) ?? (await didFromWellKnown(handle)));
  if (!did || !didSchema.safeParse(did).success) throw new IdentityError(`No Bluesky account has the handle @${handle}. Check its spelling.`);
  return did;
}

const didDocument = z.object({
  id: z.string(),
  alsoKnownAs: z.array(z.string()).optional(),
  service: z.array(z.object({ id: z.string(), type: z.string(), serviceEndpoint: z.unknown() })).default([]),
});

/** The account's PDS, from its DID document. */
export async function pdsOf(did: string): Promise<{ pds: string; handle: string | null }> {
  const url = did.startsWith("did:web:")
    ? `https://${decodeURIComponent(did.slice("did:web:".length))}/.well-known/did.json`
    : `${(env().BLUESKY_PLC_URL ?? "https://plc.directory").replace(/\/+$/, "")}/${encodeURIComponent(did)}`;
  const response = await get(url).catch(() => {
    throw new IdentityError(`The directory of Bluesky accounts could not be reached for ${did}.`, true);
  });
  const document = response.ok ? didDocument.safeParse(await response.json().catch(() => null)) : null;
  if (!document?.success || document.data.id !== did) throw new IdentityError(`The account ${did} has no usable DID document.`);
  const service = document.data.service.find((entry) => entry.id.endsWith("#atproto_pds") && entry.type === "AtprotoPersonalDataServer");
  const endpoint = z.url({ protocol: /^https?$/ }).safeParse(service?.serviceEndpoint);
  if (!endpoint.success) throw new IdentityError(`The account ${did} names no PDS to sign in at.`);
  const pds = new URL(endpoint.data).origin;
  await assertPublicHost(pds).catch((error: Error) => {
    throw new IdentityError(`The account's PDS cannot be used: ${error.message}.`);
  });
  const handle = document.data.alsoKnownAs?.find((aka) => aka.startsWith("at://"))?.slice(5) ?? null;
  return { pds, handle };
}
