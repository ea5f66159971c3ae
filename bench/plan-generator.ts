// Synthetic but plausible plans for benchmarks: sentences from a mixed Polish/English
// vocabulary, several channels, every category, posts spread over time.
import type { PlanItem } from "../app/domain/plan-index.ts";

// Real posts draw on thousands of words, a few of them very often: common words from a
// short list, the rest from 4,000 made-up ones, about as often as in natural text.
const common = "i w na z do że nie się to jest dla od po jak o a the and of to in for is on with our your we you".split(" ");
const syllables = "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu wa we wi wo za ze zi zo ża źe ćo ół ęs ąt".split(" ");
const vocabulary = Array.from({ length: 4000 }, (_, i) => {
  let word = "";
  for (let n = i + 7, k = 0; k < 2 + (i % 3); k++, n = Math.floor(n / syllables.length) + i * 31 + k) word += syllables[n % syllables.length];
  return word;
});
const categories = ["educational", "engagement", "curated", "news", "behind-the-scenes", "promotional", "offer"];
const networks = ["linkedin", "x", "facebook", "instagram", "mastodon"] as const;
// An agency-sized workspace: 20 channels.
export const benchChannels = Array.from({ length: 20 }, (_, i) => {
  const network = networks[i % networks.length]!;
  return { id: `${network}-${i}`, name: `${network} ${i}`, network, enabled: true };
});

// A small deterministic generator, so every run measures the same plan.
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(rand: () => number, words = 14 + Math.floor(rand() * 16)): string {
  return Array.from({ length: words }, () =>
    rand() < 0.4 ? common[Math.floor(rand() * common.length)] : vocabulary[Math.floor(vocabulary.length * rand() ** 2)],
  ).join(" ");
}

export function generatePlan(count: number, from: number, spanDays: number, seed = 1): PlanItem[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const channel = benchChannels[i % benchChannels.length]!;
    return {
      postId: `h${i}`,
      channelId: channel.id,
      channelName: channel.name,
      network: channel.network,
      category: categories[Math.floor(rand() * categories.length)]!,
      at: from + Math.floor(rand() * spanDays * 86_400_000),
      text: sentence(rand),
      mediaUrls: channel.network === "instagram" ? ["https://cdn.example/p.jpg"] : [],
    };
  });
}
