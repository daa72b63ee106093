/** %%timeit's defaults through a real kernel: seconds, not tens of seconds. */
import { KernelClient } from "../client/kernel-client";
import { startKernel, streamText } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
  // The full TypeScript checker (performance needs @types/node) is built here, not in the timed cells.
  await kernel.execute("performance.now()");
});
afterAll(async () => kernel?.shutdown());

const IPYTHON_LINE = /^\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of 7 runs, ([\d,]+) loops? each\)$/m;

// With IPython's powers of 10 these took 4-15 s and 9.5 s: 7 runs of 10,000,000 or 100,000,000 loops, and of 1,000 loops.
for (const statement of ["Math.hypot(3, 4)", "await new Promise((r) => setTimeout(r, 1))"]) {
  test(`%%timeit ${statement} with the defaults takes seconds and says its loop count`, async () => {
    const started = Date.now();
    const result = await kernel.execute(`%%timeit\n${statement}`);
    const seconds = (Date.now() - started) / 1000;
    expect(result.reply.content.status).toBe("ok");
    expect(streamText(result)).toMatch(IPYTHON_LINE);
    expect(seconds).toBeLessThan(10);
  }, 30_000);
}
