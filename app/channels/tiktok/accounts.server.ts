// After consent: the TikTok account the token belongs to (GET /v2/user/info/, user.info.basic)
// and how it shows as a creator (POST /v2/post/publish/creator_info/query/, video.publish).
// TikTok answers every call with an `error` object whose code is "ok" on success.
import { z } from "zod";
import type { ConnectableAccount } from "../oauth.server";

const envelope = <T extends z.ZodType>(data: T) => z.object({ data, error: z.object({ code: z.string(), message: z.string().optional() }) });
const userInfo = envelope(z.object({ user: z.object({ open_id: z.string().min(1), display_name: z.string().optional() }) }));
const creatorInfo = envelope(z.object({ creator_username: z.string().min(1), creator_nickname: z.string().optional() }));

async function call<T extends z.ZodType>(url: string, init: RequestInit, schema: T): Promise<z.infer<T>> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error(`TikTok answered ${response.status} in an unexpected shape`);
  const { error } = parsed.data as { error: { code: string; message?: string } };
  if (!response.ok || error.code !== "ok") throw new Error(`TikTok answered ${response.status} ${error.code}`);
  return parsed.data;
}

export async function tiktokAccounts(token: string, apiBase: string): Promise<ConnectableAccount[]> {
  const authorization = `Bearer ${token}`;
  const { data: user } = await call(`${apiBase}/v2/user/info/?fields=open_id,display_name`, { headers: { authorization } }, userInfo);
  const { data: creator } = await call(`${apiBase}/v2/post/publish/creator_info/query/`, { method: "POST", headers: { authorization, "content-type": "application/json; charset=UTF-8" } }, creatorInfo);
  const nickname = creator.creator_nickname || user.user.display_name;
  return [{ id: user.user.open_id, name: `@${creator.creator_username}${nickname ? ` (${nickname})` : ""}`, settings: { openId: user.user.open_id } }];
}
