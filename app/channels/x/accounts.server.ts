// After consent: the X account the token belongs to (GET /2/users/me).
import type { ConnectableAccount } from "../oauth.server";

export async function xAccounts(token: string, apiBase: string): Promise<ConnectableAccount[]> {
  const response = await fetch(`${apiBase}/2/users/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`X answered ${response.status} for the account`);
  const { data } = (await response.json()) as { data: { id: string; username: string } };
  return [{ id: data.id, name: `@${data.username}`, settings: { userId: data.id } }];
}
