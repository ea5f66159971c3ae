// Network kinds, written the same everywhere: settings, CSV files, the API, the database.
import { z } from "zod";

export const networkKinds = ["x", "mastodon", "bluesky", "linkedin", "facebook", "instagram", "threads", "tiktok", "webhook"] as const;
export type NetworkKind = (typeof networkKinds)[number];

const aliases: Record<string, NetworkKind> = { twitter: "x" };

export const networkNames: Record<NetworkKind, string> = {
  x: "X",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
  linkedin: "LinkedIn",
  facebook: "Facebook",
  instagram: "Instagram",
  threads: "Threads",
  tiktok: "TikTok",
  webhook: "Webhook",
};

/** "X", "twitter", " LinkedIn " → the kind; anything else → null. */
export function parseNetworkKind(value: string): NetworkKind | null {
  const key = value.trim().toLowerCase();
  if ((networkKinds as readonly string[]).includes(key)) return key as NetworkKind;
  return aliases[key] ?? null;
}

export const networkKindSchema = z
  .string()
  .transform((value, ctx) => {
    const kind = parseNetworkKind(value);
    if (kind) return kind;
    ctx.addIssue({ code: "custom", message: `unknown network "${value}"; use one of ${networkKinds.join(", ")} (or twitter)` });
    return z.NEVER;
  });
