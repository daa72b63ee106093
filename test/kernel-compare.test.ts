/** %%compare and --sweep driven through a real kernel over ZeroMQ. */
import { KernelClient } from "../client/kernel-client";
import { childrenOf, evaluateIn, resultText, shownTable, sleep, startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const evaluate = <T>(expression: string) => evaluateIn<T>(kernel, expression);

interface Ratio {
  model: string;
  ratio: number;
  test?: { method: string; rounds: number; confidence: number; interval: [number, number]; negligible: number; verdict: string };
}

test("%%compare on a sleeping body: async and threads far below sync, each called faster at --repeat 5, with the 93.75% that 5 rounds allow", async () => {
  const result = await kernel.execute("%%compare --tasks 8 --workers 8 --repeat 5\nawait task.sleep(50);");
  expect(result.reply.content.status).toBe("ok");
  expect(shownTable(result)).toMatch(/^%%compare --tasks 8 --workers 8 --repeat 5: median of 5 runs \(min–max\), runs in shuffled rounds\nmodel .*wall vs sync\n/);
  const ratios = await evaluate<Ratio[]>("$last.ratios");
  expect(ratios.map((r) => r.model)).toEqual(["sync", "async", "threads"]);
  expect(ratios[0]).toEqual({ model: "sync", ratio: 1 });
  for (const r of ratios.slice(1)) {
    expect(r.ratio).toBeLessThan(0.5);
    expect(r.test).toMatchObject({ method: expect.stringContaining("sign-test interval"), rounds: 5, confidence: 0.9375, negligible: 0.02, verdict: "faster" });
    expect(r.test!.interval[0]).toBeLessThanOrEqual(r.ratio);
    expect(r.test!.interval[1]).toBeGreaterThanOrEqual(r.ratio);
    expect(r.test!.interval[1]).toBeLessThan(1);
  }
}, 60_000);

test("a later cell reads $last and $results.NAME with the types of the results they hold, no narrowing needed", async () => {
  await kernel.execute("%%sync --tasks 2 --repeat 1 --name single\nawait task.sleep(1);");
  await kernel.execute("%%compare --models async,sync --tasks 2 --repeat 1 --name pair\nawait task.sleep(5);");
  const typed = await kernel.execute(
    'const slower: number = $last.ratios[1].ratio;\nconst kept = $results.pair;\nconst ok: number = $results.single.summary.tasksOk;\n`${$last.models.join(",")} ${kept.kind} ${Number.isFinite(slower)} ${ok}`',
  );
  expect(typed.reply.content.status).toBe("ok");
  expect(resultText(typed)).toBe("'async,sync conclab.comparison true 2'");
  const untyped = await kernel.execute("const wrong: string = $last.ratios;", { stopOnError: false });
  expect(untyped.reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
});

test("--sweep tasks keeps every point, in order, as a sweep result", async () => {
  const result = await kernel.execute("%%threads --workers 2 --repeat 1 --sweep tasks=1,4,8\nawait task.sleep(10);\nreturn task.count;");
  expect(result.reply.content.status).toBe("ok");
  expect(shownTable(result)).toMatch(/^%%threads --workers 2 --repeat 1 --sweep tasks=1,4,8: median of 1 run at each tasks\ntasks +model/);
  const sweep = await evaluate<{ kind: string; parameter: string; values: number[]; tasks: number[] }>(
    '{ kind: $last.kind, parameter: $last.parameter, values: $last.values, tasks: $last.points.map((p) => p.kind === "conclab.experiment" ? p.summary.tasksOk : -1) }',
  );
  expect(sweep).toEqual({ kind: "conclab.sweep", parameter: "tasks", values: [1, 4, 8], tasks: [1, 4, 8] });
});

test("bad --models and --sweep values are UsageErrors naming the option, and nothing runs", async () => {
  await kernel.execute("%%sync --tasks 1 --repeat 1 --name before\nreturn 1;");
  const cases: [string, RegExp][] = [
    ["%%compare --models sync,fibers\nreturn 1;", /--models expects MODELS, .*sync, async, threads, spawn, processes.*got "sync,fibers"/],
    ["%%compare --models sync,async,sync\nreturn 1;", /--models expects MODELS, .*each model once/],
    ["%%threads --sweep tasks=0,2\nreturn 1;", /--sweep expects NAME=V,V,\.\.\., .*got "tasks=0,2"/],
    ["%%threads --sweep concurrency=1,2\nreturn 1;", /--sweep concurrency=1,2: %%threads has no --concurrency; --concurrency is taken by %%async and %%compare/],
    ["%%async --sweep workers=1,2\nreturn 1;", /--sweep workers=1,2: %%async has no --workers/],
  ];
  for (const [code, message] of cases) {
    const { reply } = await kernel.execute(code, { stopOnError: false });
    expect(reply.content).toMatchObject({ status: "error", ename: "UsageError" });
    expect(reply.content.evalue).toMatch(message);
  }
  expect(await evaluate<string>('$last.options.name')).toBe("before");
});

test("an interrupt during %%compare stops every model and leaves no child process", async () => {
  const running = kernel.execute("%%compare --models sync,threads,processes --workers 2 --tasks 2 --repeat 5\nawait task.sleep(300);");
  await sleep(2500);
  await kernel.interrupt("message");
  const { reply } = await running;
  expect(reply.content.status).toBe("error");
  expect(resultText(await kernel.execute("1 + 1"))).toBe("2");
  // The reply comes at the interrupt; the models are closed right after it.
  const deadline = Date.now() + 5000;
  while (childrenOf(kernel.process.pid!).length > 0 && Date.now() < deadline) await sleep(100);
  expect(childrenOf(kernel.process.pid!)).toEqual([]);
}, 30_000);
