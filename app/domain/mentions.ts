// @mentions in a comment: `@` followed by a member's full name, first name or the part of
// their e-mail address before the @, in any letter case. At each `@` the longest name that
// fits wins; a name two members share mentions nobody (say the full name instead).
export type Mentionable = { userId: string; name: string; email: string };

const boundary = /[\p{L}\p{N}_.-]/u;
const fold = (text: string) => text.normalize("NFC").toLocaleLowerCase("und");

function namesOf(member: Mentionable): string[] {
  const full = fold(member.name.trim().replace(/\s+/g, " "));
  const first = full.split(" ")[0] ?? "";
  const local = fold(member.email.split("@")[0] ?? "");
  return [...new Set([full, first, local].filter((n) => n.length >= 2))];
}

/** The user ids a comment mentions, each once, in the order they are first mentioned. */
export function mentionedIn(text: string, members: readonly Mentionable[]): string[] {
  const byName = new Map<string, Set<string>>();
  for (const member of members) for (const name of namesOf(member)) byName.set(name, (byName.get(name) ?? new Set()).add(member.userId));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const folded = fold(text);
  const found: string[] = [];
  for (let at = folded.indexOf("@"); at !== -1; at = folded.indexOf("@", at + 1)) {
    // An e-mail address (someone@example) is not a mention.
    if (at > 0 && boundary.test(folded[at - 1]!)) continue;
    const rest = folded.slice(at + 1);
    const name = names.find((n) => rest.startsWith(n) && !boundary.test(rest.charAt(n.length)));
    const ids = name ? byName.get(name)! : null;
    if (ids?.size === 1) {
      const [id] = ids;
      if (!found.includes(id!)) found.push(id!);
    }
  }
  return found;
}
