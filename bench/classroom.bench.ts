/**
 * `npm run bench:classroom`: a classroom on one machine. Starts CLASSROOM_KERNELS kernels (20 by
 * default) at once through the project's client, runs notebooks/00-start-here.ipynb in each, and
 * reports whether all completed without error output, the peak RSS of each kernel's process tree and
 * of all of them together, the wall time, whether every result said the machine was busy, and
 * whether any process was left afterwards. Not part of CI: on 2 cores it takes a long while.
 */
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../common/package-paths";
import { processRssBytes } from "../common/process-status";
import { executeNotebook, type NotebookExecution } from "../notebook-runner/notebook-runner";
import { readNotebook } from "../notebook-runner/nbformat";

const NOTEBOOK = path.join(PACKAGE_ROOT, "notebooks", "00-start-here.ipynb");
const SAMPLE_EVERY_MS = 250;
/** Every magic result's table carries this note; a result that found the machine busy also says BUSY_LINE. */
const RESULT_MARK = "CPU of the body:";
const BUSY_LINE = "BUSY MACHINE:";

/** Parent pid of every process now, from /proc. */
function parents(): Map<number, number> {
  const ppid = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after its last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      ppid.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // it ended meanwhile
    }
  }
  return ppid;
}

/** This process's descendants, each with the direct child whose tree it is in. */
function descendants(): Map<number, number> {
  const ppid = parents();
  const root = new Map<number, number>();
  const rootOf = (pid: number): number | undefined => {
    if (root.has(pid)) return root.get(pid);
    const parent = ppid.get(pid);
    const found = parent === process.pid ? pid : parent === undefined || parent <= 1 ? undefined : rootOf(parent);
    if (found !== undefined) root.set(pid, found);
    return found;
  };
  for (const pid of ppid.keys()) rootOf(pid);
  return root;
}

/** Samples the RSS of each child's process tree until stopped: each tree's peak and the peak of their sum. */
function sampleRss(): { stop(): { perTreePeakBytes: number[]; totalPeakBytes: number } } {
  const treePeaks = new Map<number, number>();
  let totalPeak = 0;
  const sample = () => {
    const trees = new Map<number, number>();
    for (const [pid, child] of descendants()) trees.set(child, (trees.get(child) ?? 0) + (processRssBytes(pid) ?? 0));
    let total = 0;
    for (const [child, rss] of trees) {
      total += rss;
      treePeaks.set(child, Math.max(treePeaks.get(child) ?? 0, rss));
    }
    totalPeak = Math.max(totalPeak, total);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return { perTreePeakBytes: [...treePeaks.values()], totalPeakBytes: totalPeak };
    },
  };
}

/** The text/plain of every display in the run. */
function displayedTexts(execution: NotebookExecution): string[] {
  const text = (plain: unknown) => (typeof plain === "string" ? [plain] : Array.isArray(plain) ? [plain.join("")] : []);
  return execution.notebook.cells.flatMap((cell) => (cell.cell_type === "code" ? cell.outputs.flatMap((o) => ("data" in o ? text(o.data["text/plain"]) : [])) : []));
}

function errorOutputs(execution: NotebookExecution): number {
  return execution.notebook.cells.reduce((n, cell) => n + (cell.cell_type === "code" ? cell.outputs.filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr")).length : 0), 0);
}

const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const kernels = Number(process.env.CLASSROOM_KERNELS ?? 20);
  if (!Number.isInteger(kernels) || kernels < 1) throw new Error(`CLASSROOM_KERNELS: expected a whole number of kernels of at least 1, got ${process.env.CLASSROOM_KERNELS}`);
  const timeoutSeconds = Number(process.env.CLASSROOM_CELL_TIMEOUT_S ?? 1800);
  console.log(`classroom: ${kernels} kernels at once, each running ${path.relative(PACKAGE_ROOT, NOTEBOOK)}`);
  const rss = sampleRss();
  const started = performance.now();
  const executions = await Promise.all(Array.from({ length: kernels }, () => executeNotebook(readNotebook(NOTEBOOK), path.dirname(NOTEBOOK), { timeoutSeconds })));
  const wallMs = performance.now() - started;
  const { perTreePeakBytes, totalPeakBytes } = rss.stop();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const left = [...descendants().keys()];
  const completed = executions.filter((e) => e.ok && errorOutputs(e) === 0).length;
  const results = executions.flatMap(displayedTexts).filter((t) => t.includes(RESULT_MARK));
  const busy = results.filter((t) => t.includes(BUSY_LINE)).length;
  for (const [k, e] of executions.entries()) if (!e.ok || errorOutputs(e) > 0) console.log(`  kernel ${k + 1}: ${e.failure ? `${e.failure.reason}: ${e.failure.evalue.split("\n")[0]}` : `${errorOutputs(e)} error outputs`}`);
  const sorted = [...perTreePeakBytes].sort((a, b) => a - b);
  console.log(`completed without error output: ${completed} of ${kernels}`);
  console.log(`wall time: ${(wallMs / 1000).toFixed(1)} s`);
  console.log(`peak RSS, all kernels together: ${MiB(totalPeakBytes)}; per kernel (its process tree): min ${MiB(sorted[0] ?? 0)}, median ${MiB(sorted[Math.floor(sorted.length / 2)] ?? 0)}, max ${MiB(sorted[sorted.length - 1] ?? 0)}`);
  console.log(`results saying the machine was busy: ${busy} of ${results.length}`);
  console.log(`processes left afterwards: ${left.length === 0 ? "none" : left.join(", ")}`);
  if (completed < kernels || busy < results.length || left.length > 0) process.exitCode = 1;
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
