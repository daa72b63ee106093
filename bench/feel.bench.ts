/**
 * Magic cells as a user feels them, timed from the client (until the kernel is idle again), each
 * against a baseline cell in the same kernel, the cells taking turns so that drift in the machine
 * hits both alike: a trivial %%sync against a plain cell, 20,000 trivial %%threads tasks against the
 * same tasks sent to piscina by hand, and a CPU-bound %%threads cell against the same %%sync cell.
 */
import { KernelClient } from "../client/kernel-client";
import { median } from "../magics/statistics/statistics";
import type { BenchRow } from "./bench-row";

const TURNS = 9;
const TASKS = 20_000;

/** A plain cell that sends TASKS trivial tasks to a piscina pool of 2 workers, as one would by hand. */
const PISCINA_BY_HAND = `const { Piscina } = require("piscina") as typeof import("piscina");
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs") as typeof import("node:fs");
const dir = mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "conclab-feel-"));
writeFileSync(dir + "/worker.js", "module.exports = (i) => i;");
const pool = new Piscina({ filename: dir + "/worker.js", minThreads: 2, maxThreads: 2 });
await Promise.all(Array.from({ length: ${TASKS} }, (_, i) => pool.run(i)));
await pool.destroy();
rmSync(dir, { recursive: true, force: true });`;

const ONE_RUN = "--repeat 1 --warmup 0 --quiet";
const SPIN = "task.spin(150);";

/** Milliseconds from sending `code` to the kernel's idle after it; throws if the cell failed. */
export async function feltMs(client: KernelClient, code: string): Promise<number> {
  const t0 = performance.now();
  const { reply, iopub } = await client.execute(code);
  const error = iopub.find((m) => m.header.msg_type === "error" || (m.header.msg_type === "stream" && (m.content as { name?: string }).name === "stderr"));
  if (reply.content.status !== "ok" || error) throw new Error(`${code.split("\n")[0]} failed: ${JSON.stringify(error?.content ?? reply.content)}`);
  return performance.now() - t0;
}

/** Median felt ms of each cell, in turns, after one untimed turn (it compiles the code paths and the bodies). */
export async function feltMedians(client: KernelClient, cells: string[], turns = TURNS): Promise<number[]> {
  for (const code of cells) await feltMs(client, code);
  const times = cells.map(() => [] as number[]);
  for (let i = 0; i < turns; i++) for (const [k, code] of cells.entries()) times[k].push(await feltMs(client, code));
  return times.map(median);
}

function row(name: string, value: number, baseline: number, target: string): BenchRow {
  return { name, value, baseline, ratio: value / baseline, unit: "ms", target };
}

export async function benchFeel(): Promise<BenchRow[]> {
  const client = await KernelClient.start();
  try {
    const [plain, sync] = await feltMedians(client, ["1 + 1", `%%sync --tasks 1 ${ONE_RUN}\nreturn 1;`], 15);
    const [byHand, threads] = await feltMedians(client, [PISCINA_BY_HAND, `%%threads --workers 2 --schedule dynamic --tasks ${TASKS} ${ONE_RUN}\nreturn task.index;`]);
    const [cpuSync, cpuThreads] = await feltMedians(client, [`%%sync --tasks 8 ${ONE_RUN}\n${SPIN}`, `%%threads --workers 2 --tasks 8 ${ONE_RUN}\n${SPIN}`], 5);
    return [
      { ...row(`trivial %%sync --tasks 1 ${ONE_RUN} vs a plain cell, felt (ms beyond it: ${(sync - plain).toFixed(1)})`, sync, plain, "<= 30 ms beyond"), ratio: sync / plain },
      row(`%%threads --workers 2 --schedule dynamic, ${TASKS.toLocaleString("en-US")} trivial tasks vs piscina by hand in a plain cell, felt`, threads, byHand, "<= 1.1"),
      row("8 tasks of 150 ms CPU: %%sync vs %%threads --workers 2, felt (ratio: how much faster threads feel)", cpuSync, cpuThreads, ">= 1.75"),
    ];
  } finally {
    await client.shutdown();
  }
}

if (require.main === module) {
  benchFeel().then(
    (rows) => console.table(rows.map((r) => ({ ...r, ratio: Number(r.ratio.toFixed(3)) }))),
    (e: Error) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
