import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runExperimentCell } from "../../test/support/run-magic";
import { mostAtOnce } from "../../test/support/task-spans";

afterAll(closeSharedEngine);

describe("%%sync", () => {
  it("runs tasks one after another on the main thread, seeing notebook variables", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const factor = 3;");
    const { result } = await runExperimentCell(ctx, "%%sync --tasks 4 --repeat 1", "await task.sleep(5);\nreturn task.index * factor;");
    const { tasks } = result.runs[0];
    expect(result.values).toEqual([0, 3, 6, 9]);
    expect(mostAtOnce(tasks)).toBe(1);
    expect(tasks.lane).toEqual([0, 0, 0, 0]);
  });

  it("turns process.exit() in a body into that task's error instead of ending the kernel", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%sync --tasks 3 --repeat 1", "if (task.index !== 1) process.exit(2);\nreturn task.index;");
    expect(result.runs[0].failures).toEqual([0, 2].map((index) => expect.objectContaining({ index, message: expect.stringMatching(/process.exit\(2\) would end the kernel/) })));
    expect(result.values).toEqual([undefined, 1, undefined]);
  });
});

describe("%%async", () => {
  it("runs 100 tasks of `await task.sleep(200)` at once, well under 2 s", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%async --tasks 100 --repeat 1", "await task.sleep(200);\nreturn task.index;");
    expect(result.runs[0].wallMs).toBeLessThan(1000);
    expect(result.runs[0].ok).toBe(100);
    expect(mostAtOnce(result.runs[0].tasks)).toBe(100);
  });

  it("keeps at most --concurrency tasks in flight", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%async --tasks 12 --concurrency 3 --repeat 1", "await task.sleep(20);");
    expect(mostAtOnce(result.runs[0].tasks)).toBe(3);
    expect(result.options.concurrency).toBe(3);
  });

  it("reports a throwing task with its index while the others return values", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%async --tasks 4 --repeat 2", "await task.sleep(1);\nif (task.index === 2) throw new RangeError('no ' + task.index);\nreturn task.index + 1;");
    for (const run of result.runs) expect(run.failures).toEqual([expect.objectContaining({ index: 2, name: "RangeError", message: "no 2", stack: expect.stringMatching(/at task body \(cell line 3:\d+\)/) })]);
    expect(result.values).toEqual([1, 2, undefined, 4]);
  });

  it("gives tasks the loopback server, with per-request size", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%async --tasks 3 --repeat 1 --server-latency 50", "const response = await task.server.get('/', { bytes: 100 + task.index });\nreturn [response.status, response.bytes];");
    expect(result.values).toEqual([[200, 100], [200, 101], [200, 102]]);
    expect(result.runs[0].wallMs).toBeGreaterThanOrEqual(50);
  });
});

describe("a body on the main thread", () => {
  const cpuOverWall = (r: { bodyCpuUserMs: number; bodyCpuSystemMs: number; wallMs: number }) => r.bodyCpuUserMs + r.bodyCpuSystemMs - r.wallMs;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

  it.each(["%%sync", "%%async"])("%s: is charged its own CPU only, up to date: not the harness's reads around it, nor a scheduler tick behind", async (magic) => {
    // The thread's CPU is read just outside the clock's start and stop: tens of µs. Reading around
    // the harness's own reads charged a trivial body 0.25-0.4 ms a run.
    const trivial = await runExperimentCell(fakeMagicContext(), `${magic} --tasks 1 --repeat 15 --warmup 0`, "return 1;");
    expect(median(trivial.result.runs.map(cpuOverWall))).toBeLessThan(0.1);
    // A thread's own count lags up to a tick (4 ms) unless brought up to date: 1.5 ms of spin then read 0 or 4 ms.
    // Time off the core (a busy machine) can only make the CPU less than the wall time, never more.
    const spin = await runExperimentCell(fakeMagicContext(), `${magic} --tasks 1 --repeat 15 --warmup 0`, "const until = performance.now() + 1.5;\nwhile (performance.now() < until);");
    expect(Math.max(...spin.result.runs.map(cpuOverWall))).toBeLessThan(1);
  });

  it("task.spin(2) uses 2 ms of the thread's CPU, not the 3-6 ms it spun while its clock lagged a tick", async () => {
    const bodyCpu = async (body: string) => (await runExperimentCell(fakeMagicContext(), "%%sync --tasks 1 --repeat 10 --warmup 0", body)).result.runs.map((r) => r.bodyCpuUserMs + r.bodyCpuSystemMs);
    // A run's own CPU beside the body (the task's call, its promise) is what a trivial body uses.
    const [spin, trivial] = [await bodyCpu("task.spin(2);"), await bodyCpu("return 1;")];
    expect(Math.min(...spin)).toBeGreaterThanOrEqual(2);
    expect(median(spin) - median(trivial)).toBeLessThan(2.5);
  });

});
