// After consent: the Facebook Pages the person may publish on, each a channel posting with
// its own Page token (which, from a long-lived user token, does not expire).
import { pagesOf } from "../graph-accounts.server";
import type { ConnectableAccount } from "../oauth.server";

export async function facebookAccounts(userToken: string, apiBase: string): Promise<ConnectableAccount[]> {
  const pages = await pagesOf(userToken, apiBase, "id,name,access_token,tasks");
  // A role without CREATE_CONTENT (an analyst's, a moderator's) cannot post: not offered.
  return pages.filter((page) => !page.tasks || page.tasks.includes("CREATE_CONTENT")).map((page) => ({ id: page.id, name: page.name, settings: { pageId: page.id }, token: page.access_token }));
}
