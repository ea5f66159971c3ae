// URL slugs from workspace names. Polish letters fold to their base letter (ł has no
// Unicode decomposition, so it is mapped by hand).
const extra: Record<string, string> = { ł: "l", Ł: "l", ß: "ss", æ: "ae", ø: "o", đ: "d" };

export function slugify(name: string): string {
  const folded = name
    .replace(/[łŁßæøđ]/g, (c) => extra[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return folded || "workspace";
}
