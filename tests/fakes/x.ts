// X API v2 (networks.md §3): POST /2/tweets, 201 with data.id, problem-details errors,
// 403 for duplicate content, epoch-second rate-limit headers; for reading back,
// GET /2/users/me and the user's posts, GET /2/users/:id/tweets (newest first, start_time,
// max_results 5–100, next_token), with the text as X shows it: links on t.co, & < > escaped.
// Media: the chunked upload at POST /2/media/upload (multipart `command` INIT with
// media_type, total_bytes and media_category; APPEND with media_id, segment_index and a
// `media` chunk of at most 5 MB; FINALIZE, which assembles the segments in index order and
// checks size and type; a video then processes, GET ?command=STATUS says how far), alt text
// at POST /2/media/metadata, and a post's media.media_ids (at most 4, or one video or GIF).
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type ReceivedFile, isVideo, received } from "./received-media";
import { type OAuthServer, oauthServer } from "./oauth";

export const X_TOKEN = "fake-x-user-token";
export const X_USER_ID = "2244994945";
export const X_CLIENT = { id: "fake-x-client-id", secret: "fake-x-client-secret" };

const asShown = (text: string, id: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/https?:\/\/\S+/g, (_, i: number) => `https://t.co/${id.slice(-6)}${i}`);

/** `redirectUris`: where Rytm's app registered at X may send people back (X OAuth 2.0: confidential client, PKCE, rotating refresh tokens, 2 h access tokens). */
export type XMedia = Partial<ReceivedFile> & {
  id: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  /** Segment indexes in the order they arrived. */
  order: number[];
  segments: Map<number, Buffer>;
  finalized: boolean;
  readyAt: number;
  altText: string | null;
  tweetId: string | null;
};

const problem = (status: number, detail: string) => ({ status, body: { title: status === 400 ? "Invalid Request" : "Error", detail, type: "about:blank", status } });
const LIMITS: Record<string, number> = { tweet_image: 5 * 1024 * 1024, tweet_gif: 15 * 1024 * 1024, tweet_video: 512 * 1024 * 1024, amplify_video: 512 * 1024 * 1024 };

/** `processingMs`: how long a video or GIF processes after FINALIZE. */
export async function startX(
  latencyMs = 0,
  redirectUris: readonly string[] = [],
  { processingMs = 300 } = {},
): Promise<Fake & { tweets: Map<string, string>; createdAt: Map<string, number>; media: Map<string, XMedia>; tweetMedia: Map<string, string[]>; oauth: OAuthServer }> {
  const oauth = oauthServer({
    paths: { authorize: "/i/oauth2/authorize", token: "/2/oauth2/token", revoke: "/2/oauth2/revoke" },
    clients: new Map([[X_CLIENT.id, { secret: X_CLIENT.secret, redirectUris }]]),
    clientAuth: ["basic"],
    pkce: "required",
    rotates: true,
    accessTtlSeconds: 7200,
  });
  const tweets = new Map<string, string>();
  const media = new Map<string, XMedia>();
  const tweetMedia = new Map<string, string[]>();
  let nextMedia = 1880028106020515840n;
  const createdAt = new Map<string, number>();
  let next = 1346889436626259968n;
  const limits = () => ({ "x-rate-limit-limit": "100", "x-rate-limit-remaining": "99", "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900) });
  const fake = await startFake(async (request: FakeRequest): Promise<Reply> => {
    const url = new URL(request.path, "http://fake");
    // For tests in other processes: every text posted, as sent.
    if (url.pathname === "/__fake/tweets") return { status: 200, body: [...tweets.values()] };
    const authorization = oauth.handle(request);
    if (authorization) return authorization;
    if (request.headers.authorization !== `Bearer ${X_TOKEN}` && !oauth.accepts(request.headers.authorization)) return { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } };
    if (request.method === "GET" && url.pathname === "/2/users/me") return { status: 200, body: { data: { id: X_USER_ID, name: "Rytm", username: "rytm" } }, headers: limits() };
    if (request.method === "GET" && url.pathname === `/2/users/${X_USER_ID}/tweets`) {
      const since = Date.parse(url.searchParams.get("start_time") ?? "") || 0;
      const size = Math.min(100, Math.max(5, Number(url.searchParams.get("max_results") ?? 10)));
      const offset = Number(url.searchParams.get("pagination_token") ?? 0);
      const all = [...tweets.keys()].filter((id) => createdAt.get(id)! >= since).reverse();
      const page = all.slice(offset, offset + size).map((id) => ({ id, text: asShown(tweets.get(id)!, id), created_at: new Date(createdAt.get(id)!).toISOString(), edit_history_tweet_ids: [id] }));
      const meta = { result_count: page.length, ...(page.length ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}), ...(offset + size < all.length ? { next_token: String(offset + size) } : {}) };
      return { status: 200, body: page.length ? { data: page, meta } : { meta }, headers: limits() };
    }
    if (url.pathname === "/2/media/upload") return upload(request, url);
    if (request.method === "POST" && url.pathname === "/2/media/metadata") {
      const { id, metadata } = request.json() as { id?: string; metadata?: { alt_text?: { text?: string } } };
      const item = media.get(String(id));
      if (!item?.finalized) return problem(400, "The media id is invalid.");
      const alt = metadata?.alt_text?.text;
      if (typeof alt !== "string" || [...alt].length > 1000) return problem(400, "alt_text.text must be a string of at most 1000 characters.");
      item.altText = alt;
      return { status: 200, body: { data: { associated_metadata: true, id: item.id } }, headers: limits() };
    }
    if (request.method !== "POST" || url.pathname !== "/2/tweets") return { status: 404, body: { title: "Not Found Error", status: 404 } };
    const text = String(request.json().text ?? "");
    const mediaIds = ((request.json().media as { media_ids?: string[] } | undefined)?.media_ids ?? []).map(String);
    const attached = mediaIds.map((id) => media.get(id));
    if (mediaIds.length > 4 || attached.some((m) => !m?.finalized || m.tweetId)) return problem(400, "Your media IDs are invalid.");
    if (attached.some((m) => Date.now() < m!.readyAt)) return problem(400, "Your media IDs are invalid: the media is still processing.");
    if (attached.length > 1 && attached.some((m) => m!.category !== "tweet_image")) return problem(400, "A post can have one video or GIF, or up to 4 pictures.");
    if (!text && !mediaIds.length) return { status: 400, body: { errors: [{ parameters: { text: [] }, message: "text is required" }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" } };
    if ([...tweets.values()].includes(text)) return { status: 403, body: { detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 }, headers: limits() };
    const id = String(next++);
    tweets.set(id, text);
    createdAt.set(id, Date.now());
    for (const m of attached) m!.tweetId = id;
    tweetMedia.set(id, mediaIds);
    return { status: 201, body: { data: { id, text: asShown(text, id) } }, headers: limits() };
  }, latencyMs);
  async function upload(request: FakeRequest, url: URL): Promise<Reply> {
    if (request.method === "GET") {
      const item = media.get(url.searchParams.get("media_id") ?? "");
      if (url.searchParams.get("command") !== "STATUS" || !item?.finalized) return problem(400, "The media id is invalid.");
      const left = item.readyAt - Date.now();
      const processing_info = left > 0 ? { state: "in_progress", check_after_secs: Math.max(1, Math.ceil(left / 1000)), progress_percent: 50 } : { state: "succeeded", progress_percent: 100 };
      return { status: 200, body: { data: { id: item.id, media_key: `7_${item.id}`, processing_info } }, headers: limits() };
    }
    const form = await request.form().catch(() => null);
    if (!form) return problem(400, "The body must be multipart/form-data.");
    const command = String(form.get("command") ?? "");
    if (command === "INIT") {
      const mediaType = String(form.get("media_type") ?? "");
      const totalBytes = Number(form.get("total_bytes"));
      const category = String(form.get("media_category") ?? (mediaType === "image/gif" ? "tweet_gif" : mediaType.startsWith("video/") ? "tweet_video" : "tweet_image"));
      if (!LIMITS[category] || !Number.isInteger(totalBytes) || totalBytes <= 0) return problem(400, "media_type, total_bytes and media_category are required.");
      if (totalBytes > LIMITS[category]!) return problem(400, `File size exceeds ${LIMITS[category]} bytes.`);
      const id = String(nextMedia++);
      media.set(id, { id, mediaType, category, totalBytes, order: [], segments: new Map(), finalized: false, readyAt: 0, altText: null, tweetId: null });
      return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } }, headers: limits() };
    }
    const item = media.get(String(form.get("media_id") ?? ""));
    if (!item) return problem(400, "The media id is invalid.");
    if (command === "APPEND") {
      const index = Number(form.get("segment_index"));
      const chunk = form.get("media");
      if (item.finalized || !Number.isInteger(index) || index < 0 || index > 999 || !(chunk instanceof Blob)) return problem(400, "segment_index (0–999) and media are required.");
      if (chunk.size > 5 * 1024 * 1024) return problem(400, "A segment is at most 5 MB.");
      item.order.push(index);
      item.segments.set(index, Buffer.from(await chunk.arrayBuffer()));
      return { status: 204 };
    }
    if (command === "FINALIZE") {
      const indexes = [...item.segments.keys()].sort((a, b) => a - b);
      if (!indexes.length || indexes.some((n, i) => n !== i)) return problem(400, "Segments are missing.");
      const bytes = Buffer.concat(indexes.map((i) => item.segments.get(i)!));
      if (bytes.length !== item.totalBytes) return problem(400, `File size mismatch: ${bytes.length} bytes received, ${item.totalBytes} declared.`);
      const facts = received(bytes);
      if (facts.type !== item.mediaType) return problem(400, `The bytes are ${facts.type ?? "not a supported type"}, not ${item.mediaType}.`);
      Object.assign(item, facts, { finalized: true, readyAt: isVideo(facts.type) || facts.type === "image/gif" ? Date.now() + processingMs : 0 });
      item.segments.clear();
      const processing = item.readyAt > Date.now() ? { processing_info: { state: "pending", check_after_secs: 1 } } : {};
      return { status: 200, body: { data: { id: item.id, media_key: `3_${item.id}`, size: facts.size, expires_after_secs: 86_400, ...processing } }, headers: limits() };
    }
    return problem(400, "command must be INIT, APPEND, FINALIZE or STATUS.");
  }

  return Object.assign(fake, { tweets, createdAt, media, tweetMedia, oauth });
}
