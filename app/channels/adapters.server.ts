// The adapters by network kind, one for every network whose module says it publishes:
// the type follows each module's `publishing`, so a network that publishes cannot lack an
// adapter, and one that cannot yet (Instagram, TikTok: media uploads come later) holds
// null and its module's reason.
import { bluesky } from "./bluesky/adapter.server";
import { facebook } from "./facebook/adapter.server";
import { linkedin } from "./linkedin/adapter.server";
import { mastodon } from "./mastodon/adapter.server";
import type { PublishOutcome } from "~/domain/publish-outcome";
import type { ChannelAdapter } from "./adapter.server";
import { type NetworkKind, type PublishingKind, networkModules } from "./networks";
import { threads } from "./threads/adapter.server";
import { webhook } from "./webhook/adapter.server";
import { x } from "./x/adapter.server";

export const adapters: { [K in NetworkKind]: K extends PublishingKind ? ChannelAdapter : null } = { x, mastodon, bluesky, linkedin, facebook, instagram: null, threads, tiktok: null, webhook };

/** The network's adapter, or null when its module says publishing is not available yet. */
export const adapterFor = (kind: NetworkKind): ChannelAdapter | null => adapters[kind];

/** A post due on a network without an adapter fails at once, with its module's reason. */
export function cannotPublish(kind: NetworkKind): PublishOutcome & { kind: "failed" } {
  const { name, publishing } = networkModules[kind];
  return { kind: "failed", failureClass: "config", message: publishing.available ? `Rytm has no adapter for ${name}.` : publishing.reason.en };
}
