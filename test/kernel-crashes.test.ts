/** Crashes inside cells and tasks end as clear errors; the kernel and its variables survive. */
import type { KernelClient } from "../client/kernel-client";
import { PLOTLY_LIBRARY_CLASS } from "../common/plotly-js";
import { STREAM_LIMIT_BYTES } from "../kernel/execution/cell-output";
import { sleep, streamText, survivingKernel } from "./kernel-harness";

const subject = survivingKernel();
const stillServing = subject.expectStillServing;
let kernel: KernelClient;
beforeAll(() => {
  kernel = subject.kernel();
});

async function lastFailures(): Promise<{ ok: number; failed: number; failures: { index: number; name: string; message: string }[] }> {
  const result = await kernel.execute("console.log(JSON.stringify($last.runs[0]))");
  return JSON.parse(streamText(result));
}

test("throwing a non-Error value is reported, in a cell and in a task", async () => {
  const { reply } = await kernel.execute("throw 42;");
  expect(reply.content).toMatchObject({ status: "error", ename: "Uncaught", evalue: "42" });
  await kernel.execute('%%threads --workers 2 --tasks 2 --repeat 1\nif (task.index === 1) throw { reason: "not an Error" };\nreturn 1;');
  const run = await lastFailures();
  expect(run).toMatchObject({ ok: 1, failed: 1 });
  expect(run.failures[0].index).toBe(1);
  await stillServing();
});

test("process.abort() in a child process is that task's error", async () => {
  const result = await kernel.execute("%%processes --workers 2 --tasks 2 --repeat 1\nif (task.index === 0) process.abort();\nreturn task.index;");
  expect(result.reply.content.status).toBe("ok");
  const run = await lastFailures();
  expect(run.failed).toBeGreaterThanOrEqual(1);
  expect(run.failures.map((f) => f.index)).toContain(0);
  await stillServing();
}, 60_000);

test("a worker out of memory under --max-memory is that task's error, not the kernel's death", async () => {
  const result = await kernel.execute("%%threads --workers 1 --tasks 1 --repeat 1 --max-memory 32\nconst hoard: number[][] = [];\nwhile (true) hoard.push(new Array(100_000).fill(1));");
  expect(result.reply.content.status).toBe("ok");
  const run = await lastFailures();
  expect(run.failed).toBe(1);
  expect(`${run.failures[0].name} ${run.failures[0].message}`).toMatch(/memory/i);
  await stillServing();
}, 60_000);

test("process.exit(3) in a task ends only that task's worker or process", async () => {
  for (const magic of ["%%threads --workers 2", "%%processes --workers 2"]) {
    const result = await kernel.execute(`${magic} --tasks 4 --repeat 1\nif (task.index === 1) process.exit(3);\nreturn task.index;`);
    expect(result.reply.content.status).toBe("ok");
    const run = await lastFailures();
    expect(run.ok).toBe(3);
    expect(run.failures[0]).toMatchObject({ index: 1 });
    expect(run.failures[0].message).toContain("3");
  }
  await stillServing();
}, 60_000);

test("10,000 task results make a small output", async () => {
  const result = await kernel.execute('%%async --tasks 10000 --repeat 1\nreturn "x".repeat(1000);');
  expect(result.reply.content.status).toBe("ok");
  // plotly.js itself goes out once per client session, whatever the result: it is not this result's output.
  const ofResult = result.iopub.filter((m) => !JSON.stringify(m.content).includes(PLOTLY_LIBRARY_CLASS));
  const bytes = ofResult.reduce((sum, m) => sum + JSON.stringify(m.content).length, 0);
  expect(bytes).toBeLessThan(1024 * 1024);
  await stillServing();
}, 60_000);

test("a stack overflow is a RangeError reply", async () => {
  const { reply } = await kernel.execute("function down(n: number): number { return down(n + 1) + 1; }\ndown(0);");
  expect(reply.content).toMatchObject({ status: "error", ename: "RangeError" });
  await stillServing();
});

test("an unhandled rejection after the cell returned is reported on that cell", async () => {
  const result = await kernel.execute('setTimeout(() => { Promise.reject(new Error("rejected late")); }, 100);\n1');
  const parent = result.reply.parent_header.msg_id;
  const report = await new Promise<string>((resolve) => {
    const stop = kernel.listen((m) => {
      if (m.header.msg_type === "stream" && (m.parent_header as { msg_id: string }).msg_id === parent) {
        stop();
        resolve(m.content.text as string);
      }
    });
  });
  expect(report).toContain("unhandled promise rejection");
  expect(report).toContain("rejected late");
  await stillServing();
});

test("an infinite stream of output stops on interrupt, and what reached the frontend is bounded", async () => {
  const flood = kernel.execute('while (true) console.log("flood");');
  await sleep(1000);
  await kernel.interrupt("message");
  const result = await flood;
  expect(result.reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  expect(streamText(result).length).toBeGreaterThan(0);
  expect(streamText(result).length).toBeLessThanOrEqual(STREAM_LIMIT_BYTES + 64 * 1024);
  await stillServing();
});
