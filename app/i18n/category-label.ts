// Categories are the workspace's own words, but the defaults it started with read in the
// person's language until someone renames them.
import { defaultCategories } from "~/domain/mix-rules-settings";
import type { Messages } from "./messages";

type DefaultId = keyof Messages["categories"];

export function categoryLabel(category: { id: string; label: string }, t: Messages): string {
  const original = defaultCategories.find((c) => c.id === category.id);
  return original && original.label === category.label ? t.categories[category.id as DefaultId] : category.label;
}

/** What to store for a label a person submits: a default's own words in any language stay the default (and keep following each reader's language). */
export function storedCategoryLabel(category: { id: string; label: string }, all: readonly Messages[]): string {
  const original = defaultCategories.find((c) => c.id === category.id);
  if (!original) return category.label;
  return all.some((t) => t.categories[category.id as DefaultId] === category.label) ? original.label : category.label;
}
