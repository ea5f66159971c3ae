// The adapters by network kind. Instagram and TikTok need media uploads, which come later:
// their variants fail with a clear message instead of silently waiting.
import type { NetworkKind } from "~/domain/networks";
import type { ChannelAdapter } from "./adapter.server";
import { bluesky } from "./bluesky.server";
import { facebook } from "./facebook.server";
import { linkedin } from "./linkedin.server";
import { mastodon } from "./mastodon.server";
import { threads } from "./threads.server";
import { webhook } from "./webhook.server";
import { x } from "./x.server";

export const adapters: Partial<Record<NetworkKind, ChannelAdapter>> = { webhook, mastodon, bluesky, x, linkedin, facebook, threads };
