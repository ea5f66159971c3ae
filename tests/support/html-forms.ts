// The forms a page offers, read from its HTML as a browser would submit them: the action,
// the method, and each field's name and value, one variant per named submit button.
export type PageForm = { action: string; method: "get" | "post"; fields: [string, string][] };

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]!) : null;
};

function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot);/gi, (_m, entity: string) => {
    if (entity[0] === "#") return String.fromCodePoint(entity[1]?.toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"' }[entity.toLowerCase()]!;
  });
}

export function pageForms(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, open, inner] of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)) {
    const method = attribute(open!, "method")?.toLowerCase() === "post" ? "post" : "get";
    const action = new URL(attribute(open!, "action") ?? pageUrl, pageUrl);
    const fields: [string, string][] = [];
    const buttons: [string, string][] = [];
    for (const [tag] of inner!.matchAll(/<(input|button)\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (!name) continue;
      const type = attribute(tag, "type") ?? (tag.startsWith("<button") ? "submit" : "text");
      const value = attribute(tag, "value") ?? "";
      if (type === "submit") buttons.push([name, value]);
      else if ((type !== "checkbox" && type !== "radio") || /\schecked(=|\s|>)/.test(tag)) fields.push([name, value]);
    }
    for (const [, open2, text] of inner!.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(open2!, "name");
      if (name) fields.push([name, decodeEntities(text!)]);
    }
    for (const [, open2, options] of inner!.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
      const name = attribute(open2!, "name");
      const first = /<option\b[^>]*value="([^"]*)"/.exec(options!);
      if (name) fields.push([name, first ? decodeEntities(first[1]!) : ""]);
    }
    const base = { action: `${action.pathname}${action.search}`, method } as const;
    if (buttons.length === 0) forms.push({ ...base, fields });
    for (const button of buttons) forms.push({ ...base, fields: [...fields, button] });
  }
  return forms;
}
