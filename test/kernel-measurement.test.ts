/**
 * Every figure a magic reports, checked against an independent measurement of the same thing
 * taken in the same cell or process: the body's own clock and CPU readings, the test's own
 * reading of /proc/stat, the sizes the body allocated.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { measuringKernel, shownTable } from "./kernel-harness";

const { kernel, evaluate, run, runs: runsOf } = measuringKernel();

interface Run {
  wallMs: number;
  bodyCpuUserMs: number;
  bodyCpuSystemMs: number;
  harnessCpuMs: number;
  peakRssAboveBaselineBytes: number;
  tasks: { start: number[]; end: number[] };
  load: { otherProcessesCores: number; cores: number };
}

const runs = () => runsOf<Run>();
const values = () => evaluate<unknown[]>("$last.values");
const bodyCpu = (r: Run) => r.bodyCpuUserMs + r.bodyCpuSystemMs;
const MiB = 1024 * 1024;

test("%%async: the spans of bodies that never await follow one another, each ending where the body's own clock ended it", async () => {
  await run("%%async --tasks 4 --repeat 1 --quiet\ntask.spin(30);\nreturn performance.timeOrigin + performance.now();");
  const [{ tasks }] = await runs();
  const ownEnds = (await values()) as number[];
  const runStart = ownEnds[0] - tasks.end[0];
  for (let i = 0; i < 4; i++) {
    expect(Math.abs(runStart + tasks.end[i] - ownEnds[i])).toBeLessThan(2);
    if (i > 0) expect(tasks.start[i]).toBeGreaterThanOrEqual(tasks.end[i - 1] - 2);
  }
});

test("the main loop's delay: at least the work's own span when the work blocks it, about one 10 ms tick when the work runs in a worker", async () => {
  type LoopRun = Run & { loopDelayMs: { p50: number; p99: number; max: number } };
  // task.spin(300) takes 300 ms of its thread's CPU; its span is taken in the body's own frame.
  await run("%%sync --tasks 1 --repeat 3 --warmup 0 --quiet\ntask.spin(300);");
  for (const r of await runsOf<LoopRun>()) {
    const work = r.tasks.end[0] - r.tasks.start[0];
    expect(work).toBeGreaterThanOrEqual(290);
    expect(r.loopDelayMs.max).toBeGreaterThanOrEqual(work);
    expect(r.loopDelayMs.max).toBeLessThan(work + 100);
  }
  await run("%%threads --workers 1 --tasks 1 --repeat 3 --warmup 0 --quiet\ntask.spin(300);");
  const threads = await runsOf<LoopRun>();
  // A machine loaded by the rest of the suite can hold one tick back: the middle run shows what the model does.
  const middle = [...threads].sort((a, b) => a.loopDelayMs.max - b.loopDelayMs.max)[1];
  expect(middle.loopDelayMs.max).toBeLessThan((middle.tasks.end[0] - middle.tasks.start[0]) / 3);
  for (const r of threads) {
    expect(r.loopDelayMs.p50).toBeGreaterThanOrEqual(9.5);
    expect(r.loopDelayMs.p50).toBeLessThan(30);
  }
});

test("wall time is within 5% of the body's own clock from the first task's start to the last one's end", async () => {
  await run("%%sync --tasks 4 --repeat 1 --quiet\nconst start = performance.timeOrigin + performance.now();\nawait task.sleep(50);\nreturn [start, performance.timeOrigin + performance.now()];");
  const [{ wallMs }] = await runs();
  const spans = (await values()) as [number, number][];
  const clock = spans[3][1] - spans[0][0];
  expect(Math.abs(wallMs - clock) / clock).toBeLessThan(0.05);
});

describe.each([
  ["%%sync --tasks 1", "the main thread"],
  ["%%async --tasks 1", "the main thread"],
  ["%%threads --workers 1 --tasks 1", "a pool worker"],
  ["%%threads --spawn --workers 1 --tasks 1", "a spawned worker"],
  ["%%processes --workers 1 --tasks 1", "a child process"],
])("%s", (magic, where) => {
  test(`the CPU of task.spin(200) on ${where} is within 5% of 200 ms, and no more than its process's getrusage`, async () => {
    await run(`${magic} --repeat 1 --quiet\nconst before = process.cpuUsage();\ntask.spin(200);\nconst used = process.cpuUsage(before);\nreturn (used.user + used.system) / 1000;`);
    const [measured] = await runs();
    const [own] = (await values()) as number[];
    expect(Math.abs(bodyCpu(measured) - 200) / 200).toBeLessThan(0.05);
    // getrusage counts the whole process, V8 compiling the hot loop on its helper threads included: at least the body's thread.
    expect(own).toBeGreaterThanOrEqual(bodyCpu(measured) * 0.98);
  });
});

/** The median of the runs' shares: the harness's typical cost, which one run disturbed by the rest of a parallel suite (26 ms of a 1 s run once, against 8-12 ms alone) does not decide. */
function medianShare(shares: number[]): number {
  const sorted = [...shares].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test("an idle body is charged under 2% of the wall time, and conclab's own threads use under 2% of it (median of 5 runs)", async () => {
  await run("%%sync --tasks 1 --repeat 5 --warmup 1 --quiet\nawait task.sleep(1000);");
  const measured = await runs();
  expect(measured).toHaveLength(5);
  expect(medianShare(measured.map((r) => bodyCpu(r) / r.wallMs))).toBeLessThan(0.02);
  expect(medianShare(measured.map((r) => r.harnessCpuMs / r.wallMs))).toBeLessThan(0.02);
});

describe.each(["%%async --tasks 2", "%%threads --workers 2 --tasks 2", "%%processes --workers 2 --tasks 2"])("%s", (magic) => {
  test("two tasks that each hold a 100 MiB Buffer show a peak RSS of at least 190 MiB, the whole process tree's", async () => {
    await run(`${magic} --repeat 1 --quiet\nconst held = Buffer.alloc(100 * 1024 * 1024, 1);\nawait task.sleep(400);\nreturn held.length;`);
    const [r] = await runs();
    expect(r.peakRssAboveBaselineBytes).toBeGreaterThanOrEqual(190 * MiB);
  });
});

test("%%processes: start-up counts the children's memory, and each child's peak is kept on its lane", async () => {
  await run("%%processes --workers 2 --tasks 2 --repeat 1 --quiet\nconst held = Buffer.alloc(100 * 1024 * 1024, 1);\nawait task.sleep(300);\nreturn held.length;");
  expect(await evaluate<number>("$last.startup.rssAboveBaselineBytes")).toBeGreaterThan(40 * MiB);
  const lanes = await evaluate<{ peakRssBytes: number }[]>("$last.runs[0].lanes");
  expect(lanes).toHaveLength(2);
  for (const lane of lanes) expect(lane.peakRssBytes).toBeGreaterThan(100 * MiB);
});

test("--spawn reports what one worker costs alone and what the run paid, and says when the starts overlapped", async () => {
  const crowded = await run("%%threads --spawn --workers 4 --tasks 8 --repeat 1 --quiet\ntask.spin(5);");
  const startup = await evaluate<{ aloneMs: number; startsAtOnce: number; perTaskMs: { median: number } }>("$last.startup");
  expect(startup.aloneMs).toBeGreaterThan(0);
  expect(startup.startsAtOnce).toBeGreaterThan(1);
  expect(crowded).toMatch(/one worker alone took .*in the runs each task's worker took .*starting at once/);
  const single = await run("%%threads --spawn --workers 1 --tasks 3 --repeat 1 --quiet\ntask.spin(5);");
  expect(await evaluate<number>("$last.startup.startsAtOnce")).toBe(1);
  expect(single).toContain("one at a time");
});

test("a time-out says how many tasks it stopped, counting those that failed once task.signal aborted", async () => {
  const reply = await kernel().execute("%%async --tasks 2 --timeout 0.3 --repeat 1 --quiet\nawait task.sleep(5000);");
  const table = shownTable(reply) ?? "";
  expect(table).toContain("0 ok, 2 failed");
  expect(table).toMatch(/TIMED OUT: run 1 passed --timeout 0.3 s with 2 tasks stopped/);
  expect(table).not.toContain("0 tasks unfinished");
});

test("a worker out of memory under --max-memory is told so, without the sentence about process.exit()", async () => {
  await kernel().execute("%%threads --workers 1 --tasks 1 --repeat 1 --max-memory 32 --quiet\nconst hoard: number[][] = [];\nwhile (true) hoard.push(new Array(100_000).fill(1));");
  const [failure] = await evaluate<{ message: string }[]>("$last.runs[0].failures");
  expect(failure.message).toMatch(/memory limit/);
  expect(failure.message).not.toContain("process.exit()");
});

/** Cores' worth of CPU that processes other than the kernel used during `work`: /proc/stat's busy time less the kernel's own (/proc/PID/stat), read by this test. */
async function otherCoresDuring<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  const machine = () => {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "latin1").split("\n", 1)[0].trim().split(/\s+/).slice(1).map(Number);
    return user + nice + system + irq + softirq + steal;
  };
  const kernelTicks = () => {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
    return utime + stime + cutime + cstime;
  };
  const [m0, k0, t0] = [machine(), kernelTicks(), Date.now()];
  const result = await work();
  const seconds = (Date.now() - t0) / 1000;
  return [result, (machine() - m0 - (kernelTicks() - k0)) / 100 / seconds];
}

test("beside a CPU hog the table says the machine was busy; on a quiet run it says so only when /proc/stat agrees", async () => {
  const cores = availableParallelism();
  const hogs = Array.from({ length: cores }, () => spawn(process.execPath, ["-e", "const end = Date.now() + 8000; while (Date.now() < end);"], { stdio: "ignore" }));
  try {
    const busy = await run("%%sync --tasks 1 --repeat 3 --quiet\nawait task.sleep(300);");
    expect(busy).toMatch(new RegExp(`BUSY MACHINE: other processes used [\\d.]+ ± [\\d.]+ of ${cores} cores over the 3 runs`));
  } finally {
    for (const hog of hogs) hog.kill("SIGKILL");
  }
  // Other tests may run beside this one (jest runs two files at once): judge the quiet run by what the machine itself says.
  const [quiet, others] = await otherCoresDuring(kernel().process.pid!, () => run("%%sync --tasks 1 --repeat 3 --quiet\nawait task.sleep(300);"));
  if (others < 0.1 * cores) expect(quiet).not.toContain("BUSY MACHINE");
  if (others > 0.5 * cores) expect(quiet).toContain("BUSY MACHINE");
});
