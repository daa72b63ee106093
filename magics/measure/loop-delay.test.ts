import { LoopDelayProbe } from "./loop-delay";

test("a window records a block that starts at once, without any await before it", async () => {
  const probe = new LoopDelayProbe();
  await probe.start();
  try {
    await probe.beginWindow();
    const until = Date.now() + 100;
    while (Date.now() < until);
    const delay = await probe.endWindow();
    expect(delay.max).toBeGreaterThanOrEqual(90);
  } finally {
    probe.stop();
  }
});
