// The adapters by network kind. Networks without one yet fail with a clear message.
import type { NetworkKind } from "~/domain/networks";
import type { ChannelAdapter } from "./adapter.server";
import { bluesky } from "./bluesky.server";
import { mastodon } from "./mastodon.server";
import { webhook } from "./webhook.server";

export const adapters: Partial<Record<NetworkKind, ChannelAdapter>> = { webhook, mastodon, bluesky };
