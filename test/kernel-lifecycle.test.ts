/** The end of a kernel: no child process outlives it, whether it is killed or shut down. (The soak is in kernel-soak.test.ts.) */
import type { KernelClient } from "../client/kernel-client";
import { isRunning } from "../common/process-status";
import { childrenOf, sleep, startKernel } from "./kernel-harness";

/** A kernel whose %%processes run loops forever in two children; ends it with `end`, then checks the children are gone. */
async function expectNoChildLeftAfter(end: (kernel: KernelClient) => Promise<unknown> | void): Promise<void> {
  const kernel = await startKernel();
  void kernel.execute("%%processes --workers 2 --tasks 2 --repeat 1\nwhile (true) {}");
  let children: number[] = [];
  for (let i = 0; i < 50 && children.length < 2; i++) {
    await sleep(200);
    children = childrenOf(kernel.process.pid!);
  }
  expect(children.length).toBeGreaterThanOrEqual(2);
  await end(kernel);
  await kernel.exited();
  for (let i = 0; i < 25 && children.some(isRunning); i++) await sleep(200);
  expect(children.filter(isRunning)).toEqual([]);
  kernel.close();
}

test("a kernel killed with SIGKILL during %%processes leaves no child process behind", async () => {
  await expectNoChildLeftAfter((kernel) => void kernel.process.kill("SIGKILL"));
}, 60_000);

test("shutdown_request during a %%processes run ends the kernel and its children", async () => {
  await expectNoChildLeftAfter((kernel) => kernel.request("control", "shutdown_request", { restart: true }));
}, 60_000);
