// After consent: the Mastodon account the token belongs to, on its instance.
import type { ConnectableAccount } from "../oauth.server";

export async function mastodonAccounts(token: string, instanceUrl: string): Promise<ConnectableAccount[]> {
  const response = await fetch(`${instanceUrl}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` }, redirect: "manual", signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`The instance answered ${response.status} for the account`);
  const account = (await response.json()) as { id: string; acct: string };
  return [{ id: account.id, name: `@${account.acct}@${new URL(instanceUrl).host}`, settings: { instanceUrl } }];
}
