// After consent: the Threads profile the token belongs to (GET /me).
import type { ConnectableAccount } from "../oauth.server";

export async function threadsAccounts(token: string, apiBase: string): Promise<ConnectableAccount[]> {
  const response = await fetch(`${apiBase}/me?${new URLSearchParams({ fields: "id,username", access_token: token })}`, { signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`Threads answered ${response.status} for the profile`);
  const me = (await response.json()) as { id: string; username?: string };
  return [{ id: me.id, name: me.username ? `@${me.username}` : me.id, settings: { userId: me.id } }];
}
