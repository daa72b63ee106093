/**
 * The kernel's main thread optimises code synchronously (kernelspec/kernel-argv.js says why), and
 * the worker threads the magics start optimise in the background, as plain Node does. V8's
 * --trace-opt, turned on from a cell, says which mode each compile used in the kernel's log.
 */
import { KERNEL_ARGV } from "../kernel/kernel-argv";
import type { KernelClient } from "../kernel/client/kernel-client";
import { logOnceItHolds, startKernel } from "./kernel-harness";

const HOT_LOOP = (name: string) => `function ${name}(n: number) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) | 0; return s; }\nlet total = 0; for (let j = 0; j < 3000; j++) total += ${name}(1000);`;

/** The compile mode V8 logged for the function `name`, once it logged one. */
async function compileModeOf(kernel: KernelClient, name: string): Promise<string | undefined> {
  const log = await logOnceItHolds(kernel, `<JSFunction ${name} (sfi`);
  return new RegExp(`compiling method \\S+ <JSFunction ${name} \\(sfi = \\S+\\)> \\(target TURBOFAN\\)[^,]*, mode: ConcurrencyMode::(\\w+)`).exec(log)?.[1];
}

test("the main thread compiles synchronously and a %%threads worker in the background", async () => {
  const kernel = await startKernel();
  try {
    expect(kernel.kernelLog).not.toContain("started without");
    await kernel.execute('import { setFlagsFromString } from "node:v8";\nsetFlagsFromString("--trace-opt");');
    expect((await kernel.execute(`${HOT_LOOP("onTheMainThread")}\ntotal`)).reply.content.status).toBe("ok");
    expect(await compileModeOf(kernel, "onTheMainThread")).toBe("kSynchronous");
    expect((await kernel.execute(`%%threads --workers 1 --tasks 1 --repeat 1 --quiet\n${HOT_LOOP("inAWorker")}\nreturn total;`)).reply.content.status).toBe("ok");
    expect(await compileModeOf(kernel, "inAWorker")).toBe("kConcurrent");
  } finally {
    await kernel.shutdown();
  }
}, 60_000);

test("a kernel started without the main thread's flag says what to do in its log", async () => {
  const kernel = await startKernel({ argv: KERNEL_ARGV.filter((arg) => arg !== "--no-concurrent-recompilation") });
  try {
    expect(await logOnceItHolds(kernel, "started without")).toContain("started without --no-concurrent-recompilation: type-checking will leave about 29 MiB per V8 background thread in the process; run `node install.js` again to update kernel.json");
  } finally {
    await kernel.shutdown();
  }
}, 60_000);
