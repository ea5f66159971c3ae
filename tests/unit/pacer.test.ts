import { describe, expect, it } from "vitest";
import { pacer } from "~/utils/pacer";

// A clock the test moves: sleeping advances it, so the slots each call got can be read off.
function clock() {
  let time = 1_000;
  const slept: number[] = [];
  return { now: () => time, sleep: async (ms: number) => { slept.push(ms); time += ms; }, slept, advance: (ms: number) => (time += ms) };
}

describe("pacer", () => {
  it("gives calls made at once slots 1/rate apart", async () => {
    const c = clock();
    const pace = pacer(20, c.now, c.sleep);
    const taken: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pace();
      taken.push(c.now());
    }
    expect(taken).toEqual([1_000, 1_050, 1_100, 1_150]);
  });

  it("does not save up slots while idle: after a pause the next call goes at once, the one after waits", async () => {
    const c = clock();
    const pace = pacer(10, c.now, c.sleep);
    await pace();
    c.advance(5_000);
    await pace();
    expect(c.slept).toEqual([]);
    await pace();
    expect(c.slept).toEqual([100]);
  });

  it("concurrent callers each get their own slot", async () => {
    const slots: number[] = [];
    let time = 0;
    const pace = pacer(4, () => time, async (ms) => void slots.push(ms));
    await Promise.all([pace(), pace(), pace()]);
    expect(slots).toEqual([250, 500]);
    time = 10_000;
    await pace();
    expect(slots).toEqual([250, 500]);
  });

  it("0 per second does not pace", async () => {
    const c = clock();
    const pace = pacer(0, c.now, c.sleep);
    await Promise.all([pace(), pace(), pace()]);
    expect(c.slept).toEqual([]);
  });
});
