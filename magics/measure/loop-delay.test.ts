import { LoopDelayProbe } from "./loop-delay";

function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

test("a window records a block that starts at once, without any await before it", async () => {
  const probe = new LoopDelayProbe();
  try {
    await probe.beginWindow();
    block(100);
    const delay = await probe.endWindow();
    expect(delay.max).toBeGreaterThanOrEqual(90);
  } finally {
    probe.stop();
  }
});

test("work done between opening the window and awaiting it is not counted, and a block at once after it is, window after window", async () => {
  const probe = new LoopDelayProbe();
  try {
    for (let k = 0; k < 5; k++) {
      const opening = probe.beginWindow();
      block(30 + 10 * k);
      await opening;
      const idle = await probe.endWindow();
      expect(idle.max).toBeLessThan(25);
      await probe.beginWindow();
      block(60);
      expect((await probe.endWindow()).max).toBeGreaterThanOrEqual(55);
    }
  } finally {
    probe.stop();
  }
});

test("a window shorter than a tick reads about one resolution, as an idle loop does", async () => {
  const probe = new LoopDelayProbe();
  try {
    await probe.beginWindow();
    const delay = await probe.endWindow();
    expect(delay.max).toBeGreaterThanOrEqual(9);
    expect(delay.max).toBeLessThan(25);
  } finally {
    probe.stop();
  }
});
