// The networks Rytm knows, one module each (app/channels/<network>/module.ts). Adding a
// network is a value in the schema's NetworkKind enum, a folder, and a line here: the
// type checker refuses a kind without a module, and a module that lacks a fact.
// Kinds are written the same everywhere: settings, CSV files, the API, the database.
import { z } from "zod";
import { bluesky } from "./bluesky/module";
import { facebook } from "./facebook/module";
import { instagram } from "./instagram/module";
import { linkedin } from "./linkedin/module";
import { mastodon } from "./mastodon/module";
import type { NetworkKind, NetworkModule } from "./network-module";
import { threads } from "./threads/module";
import { tiktok } from "./tiktok/module";
import { webhook } from "./webhook/module";
import { x } from "./x/module";

export type { NetworkKind, NetworkModule };

/** In the order people choose from them. */
export const networkModules = { x, mastodon, bluesky, linkedin, facebook, instagram, threads, tiktok, webhook } satisfies { [K in NetworkKind]: NetworkModule & { kind: K } };

/** The networks whose module says they publish: each has an adapter (adapters.server.ts). */
export type PublishingKind = { [K in NetworkKind]: (typeof networkModules)[K]["publishing"] extends { available: true } ? K : never }[NetworkKind];

export const networkKinds = Object.keys(networkModules) as [NetworkKind, ...NetworkKind[]];

/** "LinkedIn" for linkedin. */
export const networkName = (kind: NetworkKind) => networkModules[kind].name;

const byName = new Map<string, NetworkKind>(networkKinds.flatMap((kind) => [kind, ...networkModules[kind].aliases].map((name) => [name, kind] as const)));

/** "X", "twitter", " LinkedIn " → the kind; anything else → null. */
export function parseNetworkKind(value: string): NetworkKind | null {
  return byName.get(value.trim().toLowerCase()) ?? null;
}

const aliasList = () => networkKinds.flatMap((kind) => networkModules[kind].aliases).join(", ");

/** A network named in a file: its kind or an alias, in any letter case. */
export const networkKindSchema = z.string().transform((value, ctx) => {
  const kind = parseNetworkKind(value);
  if (kind) return kind;
  ctx.addIssue({ code: "custom", message: `unknown network "${value}"; use one of ${networkKinds.join(", ")} (or ${aliasList()})` });
  return z.NEVER;
});
