// Everything Rytm knows about one network, in one object: its names, its icon, how it
// counts text and what it refuses, its media rules, how fast a channel may post, how a
// channel connects (credentials, settings, OAuth), how its preview looks and how a
// publish is keyed. Pure — no I/O — so the browser bundle, `rytm lint` and the server all
// read the same facts. The adapter that talks to the network sits beside it, in
// `<network>/adapter.server.ts`, and is registered in `adapters.server.ts` (decision 0029).
import type { z } from "zod";
import type { Localized, RuleId } from "../domain/violations";
import type { NetworkKind } from "../generated/prisma/enums";

// The schema's enum is the list of networks: a kind the database can hold must have a
// module (the registry is a Record over it), and a module needs a kind the database holds.
export type { NetworkKind };

/** The settings a network's counting and checks read, parsed leniently from a channel's settings. */
export type CheckSettings = { characterLimit?: number; hashtagLimit?: number };

/** What Rytm read from one uploaded file, as the rules need it (app/domain/media-rules.ts). */
export type MediaFacts = {
  kind: "IMAGE" | "GIF" | "VIDEO";
  mimeType: string;
  byteSize: number;
  fileName: string;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  altText: string;
};

export type VariantContent = { text: string; link?: string | null; mediaUrls?: readonly string[]; media?: readonly MediaFacts[] };

/** Something a network would refuse, before it becomes a violation on a post's channel. */
export type Finding = {
  ruleId: RuleId;
  message: Localized;
  suggestion: Localized;
  data: Record<string, number | string>;
};

/** A network's own check beyond the length; `over` is how far the text is over the limit. */
export type ContentCheck = (content: VariantContent, settings: CheckSettings, measured: { over: number }) => Finding | null;

export type TextRules = {
  /** The most the network takes, in its own counting; null: no limit. */
  limit: (settings: CheckSettings) => number | null;
  unit: Localized;
  count: (text: string) => number;
  /** Where the numbers come from and when they were checked ([M]: a best reading). */
  source: string;
  checks: readonly ContentCheck[];
  /** The network refuses the same words twice on one account, remembering them this long. */
  refusesRepeatedText: { days: number } | null;
};

/** What one post's media may be on the network (checked by app/domain/media-rules.ts). */
export type MediaRules = {
  /** What a post must carry: media of any kind, a video, or nothing. */
  required: "image-or-video" | "video" | null;
  /** Pictures and videos in one post, together; 0: the network takes none from Rytm. */
  maxItems: number;
  maxVideos: number;
  /** Whether pictures and a video may share a post (a carousel). */
  mixed: boolean;
  /** X counts a GIF as its one video; elsewhere it is a picture. */
  gifCountsAs: "image" | "video";
  types: readonly string[];
  maxImageBytes: number | null;
  /** Pictures over maxImageBytes are re-encoded smaller before sending instead of refused. */
  reencodeImages: boolean;
  maxVideoBytes: number | null;
  maxVideoMs: number | null;
  /** Width ÷ height the network takes, when it limits it. */
  aspect: { min: number; max: number } | null;
  /** Where the numbers come from ([M]: a best reading). */
  source: string;
};

export type PostRate = { posts: number; seconds: number };

/** The fields a channel's connect form can ask for (connect-fields.ts says what each holds). */
export type ConnectFieldName = "token" | "identifier" | "password" | "secret" | "instanceUrl" | "service" | "url" | "author" | "pageId" | "userId";

/**
 * A network that connects by OAuth 2.0 (authorization code, decision 0033). The endpoints
 * are the network's own; on Mastodon they are paths on the instance the person names.
 */
export type OAuthSettings = {
  endpoints: { authorize: string; token: string; revoke: string | null };
  scopes: readonly string[];
  /** S256 where the network takes it; LinkedIn's web flow has no PKCE. */
  pkce: "S256" | "none";
  /** How Rytm's app proves itself at the token endpoint: HTTP Basic, or the secret in the form (LinkedIn). */
  clientAuth: "basic" | "post";
  /**
   * How an expiring token is renewed: a refresh token (rotated or kept); the network's own
   * exchange of the live token for a new one (Threads' th_refresh_token), `aheadMs` before it
   * expires; or never (a Facebook Page token does not expire).
   */
  refresh: { kind: "refresh-token"; rotates: boolean } | { kind: "exchange"; url: string; grantType: string; aheadMs: number } | { kind: "none" };
  /** Meta's networks: the code gives a short-lived token, exchanged at once for a long-lived one (GET url?grant_type=…&<tokenParam>=token). */
  longLived?: { url: string; grantType: string; tokenParam: string; sendsClientId: boolean };
  /** How the token endpoint says no: OAuth 2.0's `error` string, or Meta's Graph error object (OAuthException and a code). */
  errors?: "graph";
  /** How the scopes are joined in the authorize URL: a space (RFC 6749), or the comma Meta's networks and TikTok take. */
  scopeSeparator?: ",";
  /** The API the account listing and a new channel call (with its version), when it is not the token endpoint's host. */
  api?: string;
  /** Where Rytm's app comes from: the server's environment (<PREFIX>_CLIENT_ID/_SECRET), or registered on each instance (Mastodon). Instagram signs in through Facebook's app. */
  app: { env: "X" | "LINKEDIN" | "FACEBOOK" | "THREADS" | "TIKTOK" } | { registersPerInstance: true };
  /** What the network calls the client id, in its requests and in the environment (TikTok: client_key, TIKTOK_CLIENT_KEY); client_id otherwise. */
  clientIdName?: "client_key";
  /** Which token revocation takes: the refresh token where there is one, or the access token (TikTok). */
  revokes?: "access-token";
};

export type Connection =
  | { method: "oauth"; oauth?: OAuthSettings }
  /** A handle and an app password, exchanged for a session at each start (Bluesky). */
  | { method: "app-password" }
  /** An endpoint URL and a signing secret (Rytm's own webhook). */
  | { method: "url-secret" };

/** The key a variant is published under across its retries: an AT Protocol TID record key, or rytm_<variant>_<version>. */
export type PublishKeyStyle = "at-protocol-tid" | "variant-version";

/** How the editor's preview looks: the avatar's shape, and where a long text folds behind "see more". */
export type PreviewStyle = { avatar: "circle" | "rounded" | "square"; foldAt: number | null };

/** A letter or sign on the network's colour: small, and named in text beside it wherever it stands. */
export type NetworkIcon = { glyph: string; color: `#${string}` };

export type Publishing = { available: true } | { available: false; reason: Localized };

export type NetworkModule = {
  kind: NetworkKind;
  /** As the network writes itself: "LinkedIn". */
  name: string;
  /** Polish declines the name in messages: "na LinkedInie" (locative), "odbiorców LinkedIna" (genitive). */
  polish: { locative: string; genitive: string };
  /** Other names people write for it in a CSV file or a rules file ("twitter"). */
  aliases: readonly string[];
  icon: NetworkIcon;
  text: TextRules;
  media: MediaRules;
  /** Posts a channel may send per window unless its settings say `rateLimit`; from networks.md. */
  postRate: PostRate;
  /** The decrypted credentials an adapter needs, all of them; anything else is refused. */
  credentials: z.ZodObject;
  /** The channel's non-secret settings: what connecting needs (required), and the overrides it may set. */
  settings: z.ZodObject;
  /** How it connects, and the fields the connect form asks for (a credential field for each credential). */
  connection: Connection & { fields: readonly ConnectFieldName[] };
  preview: PreviewStyle;
  publishKey: PublishKeyStyle;
  publishing: Publishing;
};
