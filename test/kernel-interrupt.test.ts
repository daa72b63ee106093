/** Heartbeats while the main thread spins, and interrupts of runaway cells by message and by signal. */
import { KernelClient } from "../kernel/client/kernel-client";
import { resultText, sleep, startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
  await kernel.execute("const kept = 'still here';");
});
afterAll(async () => kernel?.shutdown());

test("the heartbeat answers within 1 s while a cell spins the CPU for 10 s", async () => {
  const spinning = kernel.execute("const until = Date.now() + 10_000; while (Date.now() < until) {} 'spun'");
  await sleep(500);
  for (let i = 0; i < 4; i++) {
    expect(await kernel.heartbeat(1000)).toBeLessThan(1000);
    await sleep(2000);
  }
  expect(resultText(await spinning)).toBe("'spun'");
}, 30_000);

for (const mode of ["message", "signal"] as const) {
  test(`interrupt (${mode}) stops while(true){} and the next cell sees earlier variables`, async () => {
    const runaway = kernel.execute("while (true) {}");
    await sleep(500);
    const started = Date.now();
    await kernel.interrupt(mode);
    const { reply } = await runaway;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(resultText(await kernel.execute("kept"))).toBe("'still here'");
  });

  test(`interrupt (${mode}) ends a pending await that never settles`, async () => {
    const pending = kernel.execute("await new Promise(() => {})");
    await sleep(300);
    await kernel.interrupt(mode);
    expect((await pending).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(resultText(await kernel.execute("kept"))).toBe("'still here'");
  });
}

test("shutdown_request ends the process", async () => {
  const other = await startKernel();
  const { reply } = await other.request("control", "shutdown_request", { restart: false });
  expect(reply.content).toMatchObject({ status: "ok", restart: false });
  expect(await other.exited()).toBe(0);
  other.close();
});
