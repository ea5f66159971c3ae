// After a Facebook Login consent: the Pages the person's long-lived user token reaches
// (GET /me/accounts), each with its own Page access token — what Facebook Pages and
// Instagram professional accounts (linked to a Page) publish with. Paged by cursor.
const MAX_PAGES = 10;

export type GraphPage = { id: string; name: string; access_token: string; tasks?: string[]; instagram_business_account?: { id: string; username?: string } };

export async function pagesOf(userToken: string, apiBase: string, fields: string): Promise<GraphPage[]> {
  const pages: GraphPage[] = [];
  const query = new URLSearchParams({ fields, limit: "100", access_token: userToken });
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await fetch(`${apiBase}/me/accounts?${query}`, { signal: AbortSignal.timeout(20_000) });
    const body = (await response.json().catch(() => ({}))) as { data?: GraphPage[]; paging?: { next?: string; cursors?: { after?: string } }; error?: { message?: string } };
    if (!response.ok || !Array.isArray(body.data)) throw new Error(`Facebook answered ${response.status} for the Pages${body.error?.message ? ` (${body.error.message})` : ""}`);
    pages.push(...body.data);
    const after = body.paging?.cursors?.after;
    if (!body.paging?.next || !after) break;
    query.set("after", after);
  }
  return pages;
}
