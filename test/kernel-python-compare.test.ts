/** %%python --models through a real kernel: CPython models compared as %%compare compares Node's. */
import { KernelClient } from "../client/kernel-client";
import { evaluateIn, startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

test("%%python --models asyncio,threads keeps a comparison under %%compare's model names, with a tested ratio", async () => {
  const result = await kernel.execute("%%python --models asyncio,threads --tasks 4 --workers 4 --repeat 6 --name pyPair\nawait task.sleep(20)");
  expect(result.reply.content.status).toBe("ok");
  const kept = await evaluateIn<{ kind: string; models: string[]; ratios: { model: string; ratio: number; test?: { rounds: number } }[]; runtimes: string[]; runs: number[] }>(
    kernel,
    "({ kind: $results.pyPair.kind, models: $results.pyPair.models, ratios: $results.pyPair.ratios, runtimes: $results.pyPair.experiments.map((e) => e.runtime?.implementation), runs: $results.pyPair.experiments.map((e) => e.runs.length) })",
  );
  expect(kept).toMatchObject({ kind: "conclab.comparison", models: ["async", "threads"], runtimes: ["cpython", "cpython"], runs: [6, 6] });
  expect(kept.ratios[0]).toEqual({ model: "async", ratio: 1 });
  expect(kept.ratios[1]).toMatchObject({ model: "threads", test: { rounds: 6 } });
}, 60_000);

test("--model and --models together are a UsageError naming both", async () => {
  const result = await kernel.execute("%%python --model threads --models asyncio,threads\nawait task.sleep(1)", { stopOnError: false });
  expect(result.reply.content).toMatchObject({ status: "error", ename: "UsageError", evalue: expect.stringMatching(/--model and --models/) });
});
