// After consent (through Facebook Login): the Instagram professional accounts linked to the
// person's Pages. The channel keeps the Instagram account's id and its Page's token, with
// which the Instagram Graph API publishes.
import { pagesOf } from "../graph-accounts.server";
import type { ConnectableAccount } from "../oauth.server";

export async function instagramAccounts(userToken: string, apiBase: string): Promise<ConnectableAccount[]> {
  const pages = await pagesOf(userToken, apiBase, "id,name,access_token,instagram_business_account{id,username}");
  return pages.flatMap(({ instagram_business_account: account, name, access_token }) =>
    account ? [{ id: account.id, name: account.username ? `@${account.username}` : name, settings: { userId: account.id }, token: access_token }] : [],
  );
}
