import { LoopDelayProbe } from "./loop-delay";

function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

test("a window records a block that starts at once, without any await before it", async () => {
  const probe = new LoopDelayProbe();
  try {
    probe.beginWindow();
    block(100);
    const delay = await probe.endWindow();
    expect(delay.max).toBeGreaterThanOrEqual(90);
  } finally {
    probe.stop();
  }
});

test("a block at once after opening is counted, window after window, and an idle window after it reads about one resolution", async () => {
  const probe = new LoopDelayProbe();
  try {
    for (let k = 0; k < 5; k++) {
      probe.beginWindow();
      block(60 + 10 * k);
      expect((await probe.endWindow()).max).toBeGreaterThanOrEqual(55 + 10 * k);
      probe.beginWindow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await probe.endWindow()).max).toBeLessThan(25);
    }
  } finally {
    probe.stop();
  }
});

test("a block after the window's first tick is counted by the ticks after it, and the samples before it stay one resolution", async () => {
  const probe = new LoopDelayProbe();
  try {
    probe.beginWindow();
    await new Promise((resolve) => setTimeout(resolve, 25));
    block(80);
    const delay = await probe.endWindow();
    expect(delay.max).toBeGreaterThanOrEqual(75);
    expect(delay.p50).toBeLessThan(delay.max);
  } finally {
    probe.stop();
  }
});

test("a window shorter than a tick reads about one resolution, as an idle loop does, without waiting a resolution", async () => {
  // A probe that waited for the histogram's first tick could never end a window in under 10 ms;
  // the fastest of a few windows shows it did not, on a machine busy enough to slow any one of them.
  const probe = new LoopDelayProbe();
  try {
    const windows: { elapsed: number; max: number }[] = [];
    for (let k = 0; k < 5; k++) {
      const openedAt = performance.now();
      probe.beginWindow();
      const delay = await probe.endWindow();
      windows.push({ elapsed: performance.now() - openedAt, max: delay.max });
    }
    const fastest = windows.reduce((a, b) => (b.elapsed < a.elapsed ? b : a));
    expect(fastest.elapsed).toBeLessThan(9);
    expect(fastest.max).toBeGreaterThanOrEqual(9);
    expect(fastest.max).toBeLessThan(25);
  } finally {
    probe.stop();
  }
});
