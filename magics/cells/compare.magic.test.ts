import { parseMagicArgs } from "../framework/parse-magic-args";
import { compareOptions, measureComparison, shuffledOrder } from "./compare.magic";
import { seededRandom } from "../statistics/bootstrap";
import { syncMagic } from "./sync.magic";
import { UsageError, runMagicCell } from "../registry";
import type { ComparisonResult, SweepResult } from "../result/experiment-result";
import type { ExperimentProgress } from "../render/live-progress";
import { type ExperimentValue } from "../experiment/open-experiment";
import { Lab } from "../experiment/lab";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runMagicForResult } from "../../test/support/run-magic";

afterAll(closeSharedEngine);

const display = (value: object) => (value as { [k: symbol]: () => Record<string, string> })[Symbol.for("Jupyter.display")]();

describe("%%compare", () => {
  it("shuffles the order of the models each round: every model as often in every place, the same orders for the same seed", () => {
    const random = seededRandom(3);
    const rounds = Array.from({ length: 6000 }, () => shuffledOrder(3, random));
    expect(rounds.every((order) => [...order].sort().join() === "0,1,2")).toBe(true);
    for (let place = 0; place < 3; place++) {
      for (let model = 0; model < 3; model++) expect(Math.abs(rounds.filter((order) => order[place] === model).length - 2000)).toBeLessThan(150);
    }
    expect(new Set(rounds.map((order) => order.join())).size).toBe(6);
    const again = seededRandom(3);
    expect(Array.from({ length: 10 }, () => shuffledOrder(3, again))).toEqual(rounds.slice(0, 10));
  });

  it("keeps a pool's connections to task.server good across a sync run longer than Node's 5 s keep-alive between its runs", async () => {
    // In three shuffled rounds, some sync run falls between two runs of the pool, whose worker waits in Atomics.wait meanwhile.
    const options = parseMagicArgs("compare", compareOptions, "--models threads,sync --workers 1 --tasks 1 --repeat 3 --warmup 0");
    const body = "if (task.threadId === 0) {\n  const until = Date.now() + 5500;\n  while (Date.now() < until);\n  return 0;\n}\nreturn (await task.server.get()).status;";
    const result = await Lab.with({}, (lab) => measureComparison(options, body, fakeMagicContext(), "%%compare", lab, { label: "%%compare" }, undefined));
    expect(result.experiments[0].runs.map((r) => r.failures.map((f) => f.message))).toEqual([[], [], []]);
  }, 60_000);

  it("type-checks the body once for all its models, and each model still rejects what it cannot run", async () => {
    const ctx = fakeMagicContext();
    const convert = jest.spyOn(ctx.engine, "convert");
    const options = parseMagicArgs("compare", compareOptions, "--models sync,async,threads --tasks 2 --repeat 2 --warmup 0");
    const result = await Lab.with({}, (lab) => measureComparison(options, "return task.index;", ctx, "%%compare", lab, { label: "%%compare" }, undefined));
    expect(result.experiments.map((e) => e.model)).toEqual(["sync", "async", "threads"]);
    expect(convert).toHaveBeenCalledTimes(1);
    ctx.notebookScope.shared = 1;
    await expect(Lab.with({}, (lab) => measureComparison(options, "return shared + 1;", { ...ctx, notebookDeclarations: "declare const shared: number;\n" }, "%%compare", lab, { label: "%%compare" }, undefined))).rejects.toThrow(/%%threads: the body reads the notebook variable shared/);
  });

  it("runs 1 warm-up round and 12 measured rounds by default; the other magics keep theirs", () => {
    expect(parseMagicArgs("compare", compareOptions, "")).toMatchObject({ warmup: 1, repeat: 12 });
    expect(parseMagicArgs("sync", syncMagic.options, "")).toMatchObject({ warmup: 0, repeat: 3 });
  });

  it("runs the models in rounds after the warm-ups, in the order the result records, reporting progress as it goes", async () => {
    const ctx = fakeMagicContext();
    const progress: ExperimentProgress[] = [];
    const argLine = "--models sync,async --tasks 4 --repeat 3 --warmup 1";
    const options = parseMagicArgs("compare", compareOptions, argLine);
    const body = "await task.sleep(5);";
    const result = await Lab.with(
      { onProgress: (p) => progress.push(p) },
      (lab) => measureComparison(options, body, ctx, `%%compare ${argLine}`, lab, { label: "%%compare" }, undefined),
    );
    const starts = progress.filter((p) => p.tasksDone === 0).map((p) => `${p.label} ${p.warmup ? "warm-up" : "run"} ${p.run}/${p.runs}`);
    const { seed, order } = result.rounds;
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
    const random = seededRandom(seed);
    const warmupOrder = shuffledOrder(2, random);
    expect(order).toEqual([0, 1, 2].map(() => shuffledOrder(2, random)));
    const models = ["sync", "async"];
    expect(starts).toEqual([
      ...warmupOrder.map((k) => `%%compare: ${models[k]} warm-up 1/1`),
      ...order.flatMap((round, r) => round.map((k) => `%%compare: ${models[k]} run ${r + 1}/3`)),
    ]);
    expect(progress.every((p) => p.tasks === 4 && p.tasksDone <= 4 && p.elapsedMs >= 0)).toBe(true);
    expect(progress.filter((p) => p.tasksDone === 4)).toHaveLength(8);
    for (const start of progress.filter((p) => p.tasksDone === 0)) {
      const counts = progress.filter((p) => p.label === start.label && p.run === start.run && p.warmup === start.warmup).map((p) => p.tasksDone);
      expect(counts).toEqual([...new Set(counts)].sort((a, b) => a - b));
    }
    expect(result.experiments.map((e) => e.runs.length)).toEqual([3, 3]);
  });

  it("with its defaults, finds async far faster than sync for a sleeping body, naming the method, the confidence and the threshold", async () => {
    const ctx = fakeMagicContext();
    const result = (await runMagicForResult("compare", "--models sync,async --tasks 5 --name cmp", "await task.sleep(30);", ctx)) as ComparisonResult;
    expect(result).toMatchObject({ kind: "conclab.comparison", models: ["sync", "async"] });
    expect(result.ratios[0]).toEqual({ model: "sync", ratio: 1 });
    expect(result.ratios[1].ratio).toBeLessThan(0.5);
    expect(result.ratios[1].test).toMatchObject({ verdict: "faster", rounds: 12, confidence: expect.closeTo(0.9614, 4), negligible: 0.02, method: expect.stringContaining("sign-test") });
    expect(result.rounds.order).toHaveLength(12);
    expect((ctx.notebookScope.$results as Record<string, unknown>).cmp).toBe(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ...result, experiments: result.experiments.map((e) => ({ ...e })) });
    const text = display(result)["text/plain"];
    expect(text).toMatch(/^%%compare --models sync,async .*: median of 12 runs \(min–max\), runs in shuffled rounds\nmodel .* wall vs sync\n/);
    expect(text).toMatch(/\nasync .* 0\.\d+× \(0\.\d+–0\.\d+×, 96\.1%\) faster\n/);
    expect(text).toMatch(/wall vs sync: median of the per-round ratios .*exact sign-test interval .*96\.143% confidence, 12 rounds after 1 warm-up round \(order seed \d+\)/);
    expect(text).toContain('slower or faster: the interval excludes 1 and the ratio is beyond ±2%; negligible: the ratio, or the whole interval, within ±2% of 1, however clear; "no difference shown": the interval holds 1, so these runs cannot tell the models apart, which does not mean they are the same');
    expect(display(result)["text/html"]).toContain("<th>wall vs sync</th>");
  }, 30_000);

  it("below 5 rounds, gives no verdict and says how many rounds the test needs", async () => {
    const result = (await runMagicForResult("compare", "--models async,sync --tasks 2 --repeat 4", "await task.sleep(1);", fakeMagicContext())) as ComparisonResult;
    expect(result.ratios.every((r) => r.test === undefined)).toBe(true);
    expect(display(result)["text/plain"]).toContain("no verdict on sync: the test of a ratio needs 5 or more rounds in which both models ran whole (--repeat 5 or more); this ran 4 rounds");
  });

  it("rejects unknown and repeated models, naming the valid ones, and a sweep no listed model uses", async () => {
    const ctx = fakeMagicContext();
    await expect(runMagicCell("compare", "--models sync,fibers", "return 1", ctx)).rejects.toThrow(/--models expects MODELS, 2 to 5 different models from sync, async, threads, spawn, processes.*got "sync,fibers"/);
    await expect(runMagicCell("compare", "--models sync,sync", "return 1", ctx)).rejects.toThrow(/each model once.*got "sync,sync"/);
    await expect(runMagicCell("compare", "--models sync,threads --sweep concurrency=1,2", "return 1", ctx)).rejects.toThrow(/none of --models sync,threads uses --concurrency \(async do\)/);
    await expect(runMagicForResult("compare", "--models sync,threads", "return 1", ctx)).resolves.toBeDefined();
    expect(ctx.notebookScope.$last).toBeDefined();
  }, 30_000);

  it("keeps comparing the other models when one passes --timeout", async () => {
    const result = (await runMagicForResult("compare", "--models async,threads --workers 2 --tasks 2 --repeat 2 --timeout 0.5", "if (task.threadId !== 0) while (true) {}\nawait task.sleep(1);", fakeMagicContext())) as ComparisonResult;
    expect(result.experiments.map((e) => e.state)).toEqual(["completed", "timed-out"]);
    expect(result.experiments.map((e) => e.runs.length)).toEqual([2, 1]);
  }, 30_000);

  it("needs the body to type-check for every model: an isolated model cannot read notebook variables", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const factor = 3;");
    const run = runMagicCell("compare", "--models sync,threads --tasks 2 --repeat 1", "return factor * task.index;", ctx);
    await expect(run).rejects.toThrow(UsageError);
    await expect(runMagicCell("compare", "--models sync,threads --tasks 2 --repeat 1", "return factor * task.index;", ctx)).rejects.toThrow(/reads the notebook variable factor .*--input factor/);
    expect(ctx.notebookScope.$last).toBeUndefined();
  });
});

describe("--sweep", () => {
  it("runs one experiment per value of tasks and keeps every point as $last", async () => {
    const ctx = fakeMagicContext();
    const sweep = (await runMagicForResult("async", "--sweep tasks=1,3,6 --repeat 1 --name grow", "await task.sleep(1);\nreturn task.count;", ctx)) as SweepResult;
    expect(sweep).toMatchObject({ kind: "conclab.sweep", parameter: "tasks", values: [1, 3, 6], magicLine: "%%async --sweep tasks=1,3,6 --repeat 1 --name grow" });
    expect(sweep.points.map((p) => p.kind === "conclab.experiment" && p.options.tasks)).toEqual([1, 3, 6]);
    expect(sweep.points.map((p) => p.kind === "conclab.experiment" && p.summary.tasksOk)).toEqual([1, 3, 6]);
    expect(ctx.notebookScope.$last).toBe(sweep);
    expect((ctx.notebookScope.$results as Record<string, unknown>).grow).toBe(sweep);
    const text = display(sweep)["text/plain"];
    expect(text).toMatch(/^%%async --sweep tasks=1,3,6 .*: median of 1 run at each tasks\ntasks +model +wall/);
    expect(text).toMatch(/\n6 +async +/);
  });

  it("hands any other name to the body as task.input, beside --input as task.input.NAME", async () => {
    const ctx = fakeMagicContext();
    const alone = (await runMagicForResult("threads", "--workers 1 --tasks 2 --repeat 1 --sweep size=2,5", "return task.input * 10;", ctx)) as SweepResult;
    expect(alone.points.map((p) => p.kind === "conclab.experiment" && p.summary.tasksOk)).toEqual([2, 2]);
    await ctx.cell("const base = 100;");
    const beside = (await runMagicForResult("sync", "--tasks 1 --repeat 1 --input base --sweep size=2,5", "return task.input.base + task.input.size;", ctx)) as SweepResult;
    expect(beside.points.map((p) => (p as ExperimentValue).values)).toEqual([[102], [105]]);
  }, 30_000);

  it("sweeps %%compare into comparison points", async () => {
    const sweep = (await runMagicForResult("compare", "--models sync,async --tasks 3 --repeat 1 --sweep concurrency=1,3", "await task.sleep(10);", fakeMagicContext())) as SweepResult;
    expect(sweep.points.map((p) => p.kind)).toEqual(["conclab.comparison", "conclab.comparison"]);
    const [one, three] = sweep.points as ComparisonResult[];
    expect(one.experiments[1].options.concurrency).toBe(1);
    expect(three.experiments[1].options.concurrency).toBe(3);
    expect(three.ratios[1].ratio).toBeLessThan(one.ratios[1].ratio);
    expect(display(sweep)["text/plain"]).toMatch(/\nconcurrency +model .* wall vs sync\n1 +sync .* 1×\n1 +async/);
  }, 30_000);

  it("rejects a sweep of an option the magic has not", async () => {
    await expect(runMagicCell("threads", "--sweep concurrency=1,2", "return 1", fakeMagicContext())).rejects.toThrow(/%%threads has no --concurrency; --concurrency is taken by %%async and %%compare/);
  });

  it("keeps nothing when interrupted mid-sweep", async () => {
    const ctx = fakeMagicContext();
    const run = runMagicCell("async", "--tasks 2 --repeat 1 --sweep tasks=1,2,3", "await task.sleep(300);", ctx);
    setTimeout(() => ctx.interrupt(), 450);
    await expect(run).rejects.toThrow(/KeyboardInterrupt/);
    expect(ctx.notebookScope.$last).toBeUndefined();
  });
});
