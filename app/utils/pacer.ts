// Spaces calls out evenly: each call waits for its own slot, 1/perSecond after the last one
// taken, so a backlog drains at a steady rate instead of all at once. 0 means no pacing.
export function pacer(perSecond: number, now: () => number = Date.now, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))) {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  let nextSlot = 0;
  return async () => {
    if (gap === 0) return;
    const slot = Math.max(now(), nextSlot);
    nextSlot = slot + gap;
    const wait = slot - now();
    if (wait > 0) await sleep(wait);
  };
}
