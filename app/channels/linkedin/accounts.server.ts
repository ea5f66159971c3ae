// After consent: the member (OpenID Connect userinfo) and the organisation pages they
// administer (organizationAcls), each a channel Rytm can post as.
import type { ConnectableAccount } from "../oauth.server";

const VERSION = "202601";

export async function linkedinAccounts(token: string, apiBase: string): Promise<ConnectableAccount[]> {
  const get = async (path: string) => {
    const response = await fetch(`${apiBase}${path}`, {
      headers: { authorization: `Bearer ${token}`, "linkedin-version": VERSION, "x-restli-protocol-version": "2.0.0" },
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) throw new Error(`LinkedIn answered ${response.status} for ${path.split("?")[0]}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const member = (await get("/v2/userinfo")) as { sub: string; name?: string };
  const acls = (await get(`/rest/organizationAcls?${new URLSearchParams({ q: "roleAssignee", role: "ADMINISTRATOR", state: "APPROVED" })}`)) as { elements: { organization: string }[] };
  const organizations = await Promise.all(
    acls.elements.map(async ({ organization }) => {
      const id = organization.split(":").pop()!;
      const { localizedName } = (await get(`/rest/organizations/${id}`)) as { localizedName: string };
      return { id: organization, name: localizedName, settings: { author: organization } };
    }),
  );
  return [{ id: `urn:li:person:${member.sub}`, name: member.name ?? member.sub, settings: { author: `urn:li:person:${member.sub}` } }, ...organizations];
}
