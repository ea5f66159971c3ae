// Instagram's content publishing (Graph API): POST /{ig-user-id}/media makes a container
// from a public address (image_url, or video_url with media_type REELS, or VIDEO for a
// carousel's item; is_carousel_item; a CAROUSEL of 2–10 finished items by `children`), which
// the fake fetches as Instagram does — checking type and size — and processes for a while;
// GET /{container}?fields=status_code (IN_PROGRESS, FINISHED, ERROR, PUBLISHED); POST
// /{ig-user-id}/media_publish?creation_id= (a container not finished is error 9007); the
// account's media for reading back (GET /{ig-user-id}/media) and each one's permalink.
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type ReceivedFile, isVideo, received } from "./received-media";

export const INSTAGRAM_USER = "17841405822304914";
export const INSTAGRAM_TOKEN = "fake-instagram-page-token";

export type InstagramContainer = Partial<ReceivedFile> & {
  id: string;
  kind: "IMAGE" | "VIDEO" | "REELS" | "CAROUSEL";
  carouselItem: boolean;
  children: string[];
  caption: string;
  altText: string | null;
  status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "PUBLISHED";
  error?: string;
};

const graphError = (message: string, code = 100, subcode?: number): Reply => ({ status: 400, body: { error: { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}) } } });
const graphTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+0000");

/** `processingMs`: how long a video takes after its bytes are fetched. */
export async function startInstagram({ latencyMs = 0, processingMs = 300 } = {}): Promise<Fake & { containers: Map<string, InstagramContainer>; published: Map<string, { caption: string; containerId: string; at: number }> }> {
  const containers = new Map<string, InstagramContainer>();
  const published = new Map<string, { caption: string; containerId: string; at: number }>();
  let next = 17900000000000000n;

  /** Instagram fetches the file itself, a moment after the container is made. */
  const fetchInto = (container: InstagramContainer, address: string) => {
    void (async () => {
      try {
        const response = await fetch(address, { redirect: "error" });
        if (!response.ok) throw new Error(`the media URI answered ${response.status}`);
        const facts = received(Buffer.from(await response.arrayBuffer()));
        const wanted = container.kind === "IMAGE" ? ["image/jpeg"] : ["video/mp4", "video/quicktime"];
        if (!facts.type || !wanted.includes(facts.type)) throw new Error(`The media type ${facts.type ?? "unknown"} is not supported`);
        const limit = isVideo(facts.type) ? 300_000_000 : 8_000_000;
        if (facts.size > limit) throw new Error(`The file is larger than ${limit} bytes`);
        Object.assign(container, facts);
        setTimeout(() => (container.status = "FINISHED"), isVideo(facts.type) ? processingMs : 0);
      } catch (error) {
        container.status = "ERROR";
        container.error = (error as Error).message;
      }
    })();
  };

  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const params = request.method === "POST" && request.body ? new URLSearchParams(request.body) : new URLSearchParams();
    for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
    if (params.get("access_token") !== INSTAGRAM_TOKEN) return graphError("Error validating access token: Session has expired", 190);

    if (request.method === "POST" && url.pathname === `/${INSTAGRAM_USER}/media`) {
      const type = params.get("media_type") ?? "IMAGE";
      const carouselItem = params.get("is_carousel_item") === "true";
      const id = String(next++);
      const base = { id, carouselItem, children: [], caption: carouselItem ? "" : (params.get("caption") ?? ""), altText: params.get("alt_text"), status: "IN_PROGRESS" as const };
      if ([...base.caption].length > 2200) return graphError("The caption is longer than 2200 characters");
      if (type === "CAROUSEL") {
        const children = (params.get("children") ?? "").split(",").filter(Boolean);
        if (children.length < 2 || children.length > 10) return graphError("A carousel has 2 to 10 items", 100, 2207025);
        if (children.some((c) => containers.get(c)?.carouselItem !== true || containers.get(c)?.status !== "FINISHED")) return graphError("Every child must be a finished carousel item", 100, 2207025);
        containers.set(id, { ...base, kind: "CAROUSEL", children, status: "FINISHED" });
        return { status: 200, body: { id } };
      }
      const kind = type === "REELS" ? "REELS" : type === "VIDEO" && carouselItem ? "VIDEO" : type === "IMAGE" ? "IMAGE" : null;
      const address = kind === "IMAGE" ? params.get("image_url") : params.get("video_url");
      if (!kind || !address) return graphError(`media_type ${type} with ${kind === "IMAGE" ? "image_url" : "video_url"} is required`);
      const container: InstagramContainer = { ...base, kind };
      containers.set(id, container);
      fetchInto(container, address);
      return { status: 200, body: { id } };
    }
    if (request.method === "POST" && url.pathname === `/${INSTAGRAM_USER}/media_publish`) {
      const container = containers.get(params.get("creation_id") ?? "");
      if (!container || container.carouselItem || container.status === "PUBLISHED") return graphError("Invalid parameter: creation_id", 100);
      if (container.status !== "FINISHED") return graphError("Media ID is not available", 9007, 2207027);
      container.status = "PUBLISHED";
      const id = String(next++);
      published.set(id, { caption: container.caption, containerId: container.id, at: Date.now() });
      return { status: 200, body: { id } };
    }
    if (request.method === "GET" && url.pathname === `/${INSTAGRAM_USER}/media`) {
      const since = Number(params.get("since") ?? 0) * 1000;
      const data = [...published.entries()]
        .filter(([, p]) => p.at >= since)
        .reverse()
        .map(([id, p]) => ({ id, caption: p.caption, timestamp: graphTime(p.at), permalink: `https://www.instagram.com/p/${id}/` }));
      return { status: 200, body: { data, paging: { cursors: { before: "", after: "" } } } };
    }
    const id = url.pathname.slice(1);
    const container = containers.get(id);
    if (request.method === "GET" && container) return { status: 200, body: { id, status_code: container.status, ...(container.error ? { status: `Error: ${container.error}` } : {}) } };
    if (request.method === "GET" && published.has(id)) return { status: 200, body: { id, permalink: `https://www.instagram.com/p/${id}/` } };
    return graphError("Unsupported get request", 100, 33);
  }, latencyMs);
  return Object.assign(fake, { containers, published });
}
