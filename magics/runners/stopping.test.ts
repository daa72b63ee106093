import { readProcessStatus } from "../../common/process-status";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runExperimentCell } from "../../test/support/run-magic";
import { withSigint } from "../../test/support/sigint-from-another-thread";

afterAll(closeSharedEngine);

const RUNAWAY = "if (task.index === 0) return 'done';\nwhile (true) {}";
const MODELS = ["%%sync", "%%async", "%%threads --workers 2", "%%threads --spawn --workers 2", "%%processes --workers 2"];

/** The thread count once every model has run once (lazily started threads, such as libuv's pool, exist by then). */
let baselineThreads: number;

async function threadsSettled(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return readProcessStatus().threads!;
}

beforeAll(async () => {
  for (const line of MODELS) await runExperimentCell(fakeMagicContext(), `${line} --tasks 2 --repeat 1`, "await task.sleep(1);\nreturn 1;");
  baselineThreads = await threadsSettled();
});

describe.each(MODELS)("%s stopping a runaway `while (true) {}` body", (line) => {
  it("--timeout: returns a timed-out result within 2 s of the timeout, leaving no threads or processes", async () => {
    // Under --spawn, task 0 must first start a worker of its own, which takes a second on a busy machine.
    const timeout = line.includes("--spawn") ? 2 : 0.5;
    const { result, ms } = await runExperimentCell(fakeMagicContext(), `${line} --tasks 3 --repeat 3 --timeout ${timeout}`, RUNAWAY);
    expect(ms).toBeLessThan(timeout * 1000 + 2000);
    expect(result.state).toBe("timed-out");
    expect(result.runs).toHaveLength(1);
    if (result.state === "timed-out") expect(result.timeout).toEqual({ seconds: timeout, run: 0, unfinished: expect.any(Number), stopped: expect.any(Number) });
    const failures = result.runs[0].failures;
    expect(failures.filter((f) => f.name === "TimeoutError").map((f) => f.index)).toEqual(expect.arrayContaining([1, 2]));
    expect(failures.map((f) => f.index)).not.toContain(0);
    expect(await threadsSettled()).toBe(baselineThreads);
    expect(readProcessStatus().threads).toBe(baselineThreads);
  });

  it("interrupt: rejects within 2 s of the interrupt, leaving no threads or processes", async () => {
    const ctx = fakeMagicContext();
    const onMainThread = line === "%%sync" || line === "%%async";
    let interruptedAt = Infinity;
    const interrupt = () => {
      interruptedAt = Date.now();
      ctx.interrupt();
    };
    // A stuck main thread takes the SIGINT inside the --timeout guard; workers and processes are stopped from a free main thread.
    const run = withSigint(onMainThread ? { whenStuck: true } : { afterMs: 400 }, interrupt, () => runExperimentCell(ctx, `${line} --tasks 3 --repeat 3 --timeout 60`, RUNAWAY));
    await expect(run).rejects.toThrow("KeyboardInterrupt");
    expect(Date.now() - interruptedAt).toBeLessThan(2000 + 50);
    expect(await threadsSettled()).toBe(baselineThreads);
  });
});

describe.each(["%%threads --workers 2", "%%threads --spawn --workers 2", "%%processes --workers 2"])("%s and process.exit() in a body", (line) => {
  it("makes it that task's error; the other tasks finish and the next run has all its lanes", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), `${line} --tasks 6 --repeat 3`, "await task.sleep(50);\nif (task.index === 1) process.exit(3);\nreturn task.index;");
    for (const run of result.runs) {
      expect(run.failures).toEqual([expect.objectContaining({ index: 1, name: "LaneExitError", message: expect.stringMatching(/the task ended its (worker thread|child process) \d+ \(.*exited with code:? 3.*never the kernel/) })]);
      expect(run.ok).toBe(5);
      // Every run starts with two lanes: the one that ended in the run before was replaced.
      expect(run.tasks.lane[0]).not.toBe(run.tasks.lane[1]);
    }
    expect(result.values).toEqual([0, undefined, 2, 3, 4, 5]);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
