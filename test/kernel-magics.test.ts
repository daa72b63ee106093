/** The concurrency magics driven through a real kernel over ZeroMQ. */
import { KernelClient } from "../client/kernel-client";
import { childrenOf, evaluateIn, ofType, resultText, sleep, startKernel } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

/** A value computed in the kernel, read back as JSON. */
const evaluate = <T>(expression: string) => evaluateIn<T>(kernel, expression);

/** A field of $last (typed as the latest result's kind: an experiment's here). */
function lastExperiment<T>(path: string): Promise<T> {
  return evaluate<T>(`$last.${path}`);
}

async function threadCount(): Promise<number> {
  return evaluate<number>('Number(/Threads:\\s+(\\d+)/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"))![1])');
}

test("100 tasks of task.sleep(200) under %%async overlap: well under 2 s", async () => {
  const result = await kernel.execute("%%async --tasks 100 --repeat 1\nawait task.sleep(200);\nreturn task.index;");
  expect(result.reply.content.status).toBe("ok");
  const wall = await lastExperiment<number>("runs[0].wallMs");
  expect(wall).toBeGreaterThanOrEqual(200);
  expect(wall).toBeLessThan(2000);
  expect(await lastExperiment<number>("summary.tasksOk")).toBe(100);
});

test("$last and $results stay typed in later cells", async () => {
  await kernel.execute("%%sync --tasks 2 --repeat 1 --name first\nreturn task.index;");
  await kernel.execute("const unrelated = 1;");
  const result = await kernel.execute('if ($last.kind !== "conclab.experiment") throw new Error($last.kind);\nconst wall: number = $last.summary.wallMs.median;\nconst first = $results.first;\nfirst.kind === "conclab.experiment" ? first.model : first.kind');
  expect(result.reply.content.status).toBe("ok");
  expect(resultText(result)).toBe("'sync'");
});

test("%%threads --workers 2: a CPU-bound body runs on two lanes that overlap in time", async () => {
  await kernel.execute("%%threads --workers 2 --tasks 4 --repeat 1\ntask.spin(300);\nreturn task.threadId;");
  const spans = await lastExperiment<{ start: number[]; end: number[]; lane: number[] }>("runs[0].tasks");
  expect(new Set(spans.lane).size).toBe(2);
  const [a, b] = [...new Set(spans.lane)].map((lane) => spans.lane.flatMap((l, i) => (l === lane ? [[spans.start[i], spans.end[i]]] : [])));
  const overlaps = a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
  expect(overlaps).toBe(true);
  expect(await lastExperiment<string>("startup.what")).toContain("2 worker");
});

test("a throwing task is reported with its index while the others return values", async () => {
  const result = await kernel.execute('%%threads --workers 2 --tasks 4 --repeat 1\nif (task.index === 2) throw new Error("task two fails");\nreturn task.index;');
  expect(result.reply.content.status).toBe("ok");
  const run = await lastExperiment<{ ok: number; failed: number; failures: { index: number; message: string; stack: string }[] }>("runs[0]");
  expect(run).toMatchObject({ ok: 3, failed: 1 });
  expect(run.failures[0]).toMatchObject({ index: 2, message: "task two fails" });
  expect(run.failures[0].stack).toMatch(/line 2/);
});

test("--input copies an array into every worker; naming a notebook variable without it is a clear error", async () => {
  await kernel.execute("const numbers = [1, 2, 3, 4];");
  const refused = await kernel.execute("%%threads --tasks 2 --repeat 1\nreturn numbers.length;");
  expect(refused.reply.content).toMatchObject({ status: "error", ename: "UsageError" });
  expect(refused.reply.content.evalue).toContain("--input numbers");
  const copied = await kernel.execute("%%threads --workers 2 --tasks 4 --repeat 1 --input numbers\nconst xs = task.input as number[];\nif (xs.length !== 4) throw new Error(`got ${xs.length}`);\nreturn xs[task.index];");
  expect(copied.reply.content.status).toBe("ok");
  expect(await lastExperiment<number>("summary.tasksOk")).toBe(4);
});

test("bad magic lines are UsageErrors that name the option, and nothing runs", async () => {
  const cases = ["%%threads --workers zero\nreturn 1", "%%async --tasks -3\nreturn 1", "%%nosuch\nreturn 1", "%%threads --workers 100000\nreturn 1"];
  for (const code of cases) {
    const { reply } = await kernel.execute(code, { stopOnError: false });
    expect(reply.content).toMatchObject({ status: "error", ename: "UsageError" });
  }
  const twoMagics = await kernel.execute("%%sync\n%%async\nreturn 1", { stopOnError: false });
  expect(twoMagics.reply.content.evalue).toContain("one magic per cell");
  const { reply } = await kernel.execute("%%sync\n");
  expect(reply.content).toMatchObject({ status: "error", ename: "UsageError" });
  expect(reply.content.evalue).toContain("needs a body");
});

test("%%threads? and %lsmagic answer with help", async () => {
  const help = await kernel.execute("%%threads?");
  const page = (help.reply.content.payload as Array<{ data: Record<string, string> }>)[0].data["text/plain"];
  expect(page).toContain("--workers");
  expect(resultText(await kernel.execute("%lsmagic"))).toContain("%%threads");
  const completion = await kernel.request("shell", "complete_request", { code: "%%threads --wor", cursor_pos: 15 });
  expect(completion.reply.content.matches).toContain("--workers");
});

test("%%time of a cell with a type error shows the cell's own line, column and code", async () => {
  const { reply } = await kernel.execute("%%time\nconst n: number = 'x';");
  expect(reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
  const traceback = (reply.content.traceback as string[]).join("\n");
  expect(traceback).toContain("cell line 2:7");
  expect(traceback).toContain("\n  const n: number = 'x';\n");
  expect(traceback).not.toContain("Symbol.for");
});

test("the help says where the tasks' return values are kept, and they are there", async () => {
  const help = await kernel.execute("%%threads?");
  expect((help.reply.content.payload as Array<{ data: Record<string, string> }>)[0].data["text/plain"]).toContain("what the tasks returned in the last measured run as $last.values, by task index");
  await kernel.execute("%%threads --workers 2 --tasks 4 --repeat 1 --quiet\nreturn task.index * 10;");
  expect(await evaluate("$last.values")).toEqual([0, 10, 20, 30]);
  await kernel.execute("%%compare --models sync,async --tasks 2 --repeat 1 --warmup 0 --quiet\nreturn task.index + 1;");
  expect(await evaluate('$last.kind === "conclab.comparison" ? $last.experiments.map((e) => (e as import("conclab").ExperimentValue).values) : []')).toEqual([[1, 2], [1, 2]]);
});

for (const model of ["sync", "async", "threads", "processes"]) {
  test(`interrupt stops a runaway %%${model} body within 2 s; threads return to their baseline`, async () => {
    await sleep(200);
    const baseline = await threadCount();
    const running = kernel.execute(`%%${model} --tasks 2 --repeat 1\nwhile (true) {}`);
    await sleep(1500);
    const started = Date.now();
    await kernel.interrupt("message");
    const { reply } = await running;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(reply.content.status).toBe("error");
    expect(resultText(await kernel.execute("1 + 1"))).toBe("2");
    await sleep(500);
    expect(await threadCount()).toBeLessThanOrEqual(baseline);
    expect(childrenOf(kernel.process.pid!)).toEqual([]);
  }, 30_000);
}

test("--timeout stops a runaway %%threads body and reports it", async () => {
  const started = Date.now();
  const result = await kernel.execute("%%threads --workers 2 --tasks 2 --repeat 1 --timeout 1\nwhile (true) {}");
  expect(Date.now() - started).toBeLessThan(5000);
  expect(ofType(result, "display_data").length).toBeGreaterThan(0);
  expect(await lastExperiment<string>("state")).toBe("timed-out");
});
