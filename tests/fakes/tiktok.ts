// TikTok Login Kit and the account calls behind Rytm's picker: OAuth 2.0
// with PKCE at /v2/auth/authorize/ and /v2/oauth/token/, the client id named client_key and
// the secret in the form, scopes joined by commas, 24-hour access tokens, refresh tokens that
// may be replaced, revocation of the access token at /v2/oauth/revoke/. Errors as TikTok
// writes them: the OAuth ones with a log_id, the API's in an `error` object ("ok" on success).
import { type Fake, type FakeRequest, type Reply, startFake } from "./http-fake";
import { type OAuthServer, oauthServer } from "./oauth";

export const TIKTOK_CLIENT = { key: "fake-tiktok-client-key", secret: "fake-tiktok-client-secret" };
export const TIKTOK_CREATOR = { openId: "-000OkTvLpXbnPKvMfRbsvGhrQrvqaB0kTyO", username: "rytm.creator", nickname: "Rytm Creator" };

const logId = () => `20261206${Math.random().toString(16).slice(2, 14).toUpperCase()}`;
const apiError = (status: number, code: string, message: string): Reply => ({ status, body: { data: {}, error: { code, message, log_id: logId() } } });

export async function startTikTok(latencyMs = 0, redirectUris: readonly string[] = []): Promise<Fake & { oauth: OAuthServer }> {
  const oauth = oauthServer({
    paths: { authorize: "/v2/auth/authorize/", token: "/v2/oauth/token/", revoke: "/v2/oauth/revoke/" },
    clients: new Map([[TIKTOK_CLIENT.key, { secret: TIKTOK_CLIENT.secret, redirectUris }]]),
    clientAuth: ["post"],
    pkce: "required",
    rotates: true,
    accessTtlSeconds: 86_400,
    clientIdName: "client_key",
    errorExtra: { log_id: logId() },
  });
  const fake = await startFake((request: FakeRequest): Reply => {
    const url = new URL(request.path, "http://fake");
    const authorization = oauth.handle(request);
    if (authorization) return authorization;
    if (!oauth.accepts(request.headers.authorization)) return apiError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    if (request.method === "GET" && url.pathname === "/v2/user/info/") {
      const fields = (url.searchParams.get("fields") ?? "").split(",");
      if (!fields.includes("open_id")) return apiError(400, "invalid_params", "fields is required");
      return { status: 200, body: { data: { user: { open_id: TIKTOK_CREATOR.openId, display_name: TIKTOK_CREATOR.nickname } }, error: { code: "ok", message: "", log_id: logId() } } };
    }
    if (request.method === "POST" && url.pathname === "/v2/post/publish/creator_info/query/") {
      return {
        status: 200,
        body: {
          data: {
            creator_avatar_url: "https://p16-sign.tiktokcdn-us.com/avatar.jpeg",
            creator_username: TIKTOK_CREATOR.username,
            creator_nickname: TIKTOK_CREATOR.nickname,
            privacy_level_options: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
            comment_disabled: false,
            duet_disabled: false,
            stitch_disabled: true,
            max_video_post_duration_sec: 600,
          },
          error: { code: "ok", message: "", log_id: logId() },
        },
      };
    }
    return apiError(404, "invalid_params", `No such endpoint: ${request.method} ${url.pathname}`);
  }, latencyMs);
  return Object.assign(fake, { oauth });
}
