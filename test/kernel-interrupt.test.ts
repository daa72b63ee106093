/** Heartbeats while the main thread spins, and interrupts of runaway cells by message and by signal. */
import { KernelClient } from "../client/kernel-client";
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

test("an interrupted loop keeps what its cell declared before the interrupt, each with its latest value", async () => {
  const runaway = kernel.execute("const before = 5; let counter = 0; while (true) { counter++ } const after = 1;");
  await sleep(500);
  await kernel.interrupt("message");
  const { reply } = await runaway;
  expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  expect((reply.content.traceback as string[]).join("\n")).toContain("the variables it declared before the interrupt are kept");
  expect(resultText(await kernel.execute("before"))).toBe("5");
  expect(Number(resultText(await kernel.execute("counter")))).toBeGreaterThan(0);
  expect((await kernel.execute("after")).reply.content).toMatchObject({ status: "error", ename: "ReferenceError", evalue: expect.stringMatching(/^after has no value: In \[\d+\] stopped before it ran the declaration of after$/) });
});

test("an interrupted await keeps the variables declared before it; one declared after it can be declared again", async () => {
  const pending = kernel.execute("const a = 1; await new Promise(() => {}); const b = 2;");
  await sleep(300);
  await kernel.interrupt("message");
  expect((await pending).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  expect(resultText(await kernel.execute("a"))).toBe("1");
  expect((await kernel.execute("b")).reply.content).toMatchObject({ status: "error", ename: "ReferenceError" });
  expect(resultText(await kernel.execute("const b = 3; b"))).toBe("3");
});

test("a loop after an await cannot be interrupted: the cell is told so, and that only a restart helps", async () => {
  const stuck = await startKernel();
  try {
    const stderr: string[] = [];
    stuck.listen((msg) => {
      if (msg.header.msg_type === "stream" && (msg.content as { name: string }).name === "stderr") stderr.push((msg.content as { text: string }).text);
    });
    void stuck.execute("await null; while (true) {}");
    await sleep(500);
    await stuck.interrupt("message");
    const deadline = Date.now() + 6000;
    while (!stderr.join("").includes("restart the kernel") && Date.now() < deadline) await sleep(100);
    expect(stderr.join("")).toContain("after an `await`");
    expect(stderr.join("")).toContain("restart the kernel");
  } finally {
    stuck.close();
  }
}, 20_000);

test("shutdown_request ends the process", async () => {
  const other = await startKernel();
  const { reply } = await other.request("control", "shutdown_request", { restart: false });
  expect(reply.content).toMatchObject({ status: "ok", restart: false });
  expect(await other.exited()).toBe(0);
  other.close();
});

test("an interrupt of a cell sent right after a long one lands at once: the checker is not built in between", async () => {
  // A fresh kernel, whose full TypeScript checker waits for the kernel to be idle for a moment.
  const fresh = await startKernel();
  try {
    await fresh.execute("const until = Date.now() + 2000; while (Date.now() < until) {}");
    const runaway = fresh.execute("while (true) {}");
    await sleep(300);
    const started = Date.now();
    await fresh.interrupt("message");
    expect((await runaway).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    // Building the checker in between took ~0.76 s here on an idle machine, and over 2 s on a busy one.
    expect(Date.now() - started).toBeLessThan(500);
  } finally {
    await fresh.shutdown();
  }
}, 30_000);
