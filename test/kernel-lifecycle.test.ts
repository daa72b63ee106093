/** The end of a kernel: no child process outlives it, whether it is killed or shut down. (The soak is in bench/soak.bench.ts.) */
import { alive, childrenOf, sleep, startKernel } from "./kernel-harness";

test("a kernel killed with SIGKILL during %%processes leaves no child process behind", async () => {
  const kernel = await startKernel();
  const pid = kernel.process.pid!;
  void kernel.execute("%%processes --workers 2 --tasks 2 --repeat 1\nwhile (true) {}");
  let children: number[] = [];
  for (let i = 0; i < 50 && children.length < 2; i++) {
    await sleep(200);
    children = childrenOf(pid);
  }
  expect(children.length).toBeGreaterThanOrEqual(2);
  kernel.process.kill("SIGKILL");
  await kernel.exited();
  for (let i = 0; i < 25 && children.some(alive); i++) await sleep(200);
  expect(children.filter(alive)).toEqual([]);
  kernel.close();
}, 60_000);

test("shutdown_request during a %%processes run ends the kernel and its children", async () => {
  const kernel = await startKernel();
  const pid = kernel.process.pid!;
  void kernel.execute("%%processes --workers 2 --tasks 2 --repeat 1\nwhile (true) {}");
  let children: number[] = [];
  for (let i = 0; i < 50 && children.length < 2; i++) {
    await sleep(200);
    children = childrenOf(pid);
  }
  expect(children.length).toBeGreaterThanOrEqual(2);
  await kernel.request("control", "shutdown_request", { restart: true });
  await kernel.exited();
  for (let i = 0; i < 25 && children.some(alive); i++) await sleep(200);
  expect(children.filter(alive)).toEqual([]);
  kernel.close();
}, 60_000);
