/**
 * This kernel against Deno's (`deno jupyter`), tslab's and IPython's, side by side in one run, each
 * driven through the project's client: time from process start to kernel_info_reply and to the
 * first `1+1` result, the steady round-trip of a trivial cell, the kernel's RSS after 20 small typed
 * cells, and the top-level loop of issue 15 in a plain cell and inside a function. A kernel that
 * cannot start is skipped with the reason printed.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { KERNEL_ARGV, KernelClient } from "../client/kernel-client";
import { processRssBytes } from "../common/process-status";
import { PACKAGE_ROOT } from "../common/package-paths";

interface KernelKind {
  argv: string[];
  /** The i-th small typed cell. */
  typedCell(i: number): string;
  /** The loop cells, where the language has them. */
  loops?: { topLevel: string; inFunction: string };
}

const LOOP = "let acc = 0; for (let i = 0; i < 1e7; i++) acc += i;";
const TS_LOOPS = { topLevel: LOOP, inFunction: `function loop() { ${LOOP} return acc; } loop();` };
const tsCell = (i: number) => `const typed${i}: number = ${i}; typed${i} * 2;`;

export const KERNELS = {
  conclab: { argv: KERNEL_ARGV, typedCell: tsCell, loops: TS_LOOPS },
  deno: { argv: [path.join(PACKAGE_ROOT, "node_modules", ".bin", "deno"), "jupyter", "--kernel", "--conn", "{connection_file}"], typedCell: tsCell, loops: TS_LOOPS },
  tslab: { argv: [process.execPath, path.join(path.dirname(require.resolve("tslab/package.json")), "bin", "tslab"), "kernel", "--config-path", "{connection_file}"], typedCell: tsCell, loops: TS_LOOPS },
  ipython: { argv: ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], typedCell: (i: number) => `typed${i}: int = ${i}\ntyped${i} * 2` },
} satisfies Record<string, KernelKind>;
export type KernelName = keyof typeof KERNELS;
const NAMES = Object.keys(KERNELS) as KernelName[];

/** Idle time before the steady round-trips, for every kernel to finish warming up (conclab builds its full checker). */
const STEADY_AFTER_MS = 3000;
const STEP_TIMEOUT_MS = 60_000;
const TYPED_CELLS = 20;

export interface KernelFigures {
  readyMs: number;
  firstResultMs: number;
  roundTripMedianMs: number;
  roundTripP90Ms: number;
  rssAfterTypedCellsBytes: number;
  topLevelLoopMs?: number;
  functionLoopMs?: number;
}

function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Why `name` cannot run here, or undefined when it can be tried. */
function cannotRun(name: KernelName): string | undefined {
  const [command] = KERNELS[name].argv;
  return path.isAbsolute(command) && !existsSync(command) ? `${command} does not exist` : undefined;
}

/** Ms of one cell, until execute_reply (tslab's kernel now and then loses its status: idle under back-to-back cells). */
async function cellMs(client: KernelClient, name: KernelName, code: string): Promise<number> {
  const t = performance.now();
  const { reply } = await within(client.execute(code, { untilReply: true }), `${name}: ${code.slice(0, 40)}`);
  if (reply.content.status !== "ok") throw new Error(`${name}: ${code.slice(0, 40)} failed: ${JSON.stringify(reply.content)}`);
  return performance.now() - t;
}

async function startAndFirstResult(name: KernelName): Promise<{ client: KernelClient; readyMs: number; firstResultMs: number }> {
  const started = performance.now();
  const client = await within(KernelClient.start({ argv: KERNELS[name].argv }), `starting ${name}`);
  const readyMs = performance.now() - started;
  await cellMs(client, name, "1+1").catch(async (e: Error) => {
    await client.shutdown();
    throw e;
  });
  return { client, readyMs, firstResultMs: performance.now() - started };
}

/**
 * `starts` rounds; in each, the kernels start one after the other, then trivial cells alternate
 * between them so that machine noise hits all alike. Figures are medians over the rounds. A kernel
 * that fails to start in the first round is left out, its reason in `skipped`.
 */
export async function benchKernelStartup(starts = 3, roundTrips = 50): Promise<{ figures: Partial<Record<KernelName, KernelFigures>>; skipped: Partial<Record<KernelName, string>> }> {
  const skipped: Partial<Record<KernelName, string>> = {};
  for (const name of NAMES) {
    const why = cannotRun(name);
    if (why) skipped[name] = why;
  }
  const rounds: Partial<Record<KernelName, KernelFigures[]>> = {};
  for (let round = 0; round < starts; round++) {
    const started: Partial<Record<KernelName, Awaited<ReturnType<typeof startAndFirstResult>>>> = {};
    try {
      for (const name of NAMES.filter((n) => !skipped[n])) {
        try {
          started[name] = await startAndFirstResult(name);
        } catch (e) {
          if (round > 0 && name === "conclab") throw e;
          skipped[name] = (e as Error).message.split("\n")[0];
        }
      }
      const running = NAMES.filter((n) => started[n]);
      await new Promise((resolve) => setTimeout(resolve, STEADY_AFTER_MS));
      const times = Object.fromEntries(running.map((n) => [n, [] as number[]])) as Record<KernelName, number[]>;
      for (let i = 0; i < roundTrips; i++) for (const name of running) times[name].push(await cellMs(started[name]!.client, name, `${i} + 1`));
      for (const name of running) {
        const { client, readyMs, firstResultMs } = started[name]!;
        for (let i = 0; i < TYPED_CELLS; i++) await cellMs(client, name, KERNELS[name].typedCell(i));
        const rssAfterTypedCellsBytes = processRssBytes(client.process.pid!) ?? NaN;
        const kind: KernelKind = KERNELS[name];
        const loops = kind.loops ? { topLevelLoopMs: await cellMs(client, name, kind.loops.topLevel), functionLoopMs: await cellMs(client, name, kind.loops.inFunction) } : {};
        const figures = { readyMs, firstResultMs, roundTripMedianMs: quantile(times[name], 0.5), roundTripP90Ms: quantile(times[name], 0.9), rssAfterTypedCellsBytes, ...loops };
        (rounds[name] ??= []).push(figures);
        process.stderr.write(`  round ${round + 1}/${starts} ${name}: ${Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(k.endsWith("Bytes") ? 0 : 1)}`).join(", ")}\n`);
      }
    } finally {
      await Promise.all(Object.values(started).map(({ client }) => client.shutdown()));
    }
  }
  const medianOf = (list: KernelFigures[]): KernelFigures => {
    const keys = Object.keys(list[0]) as (keyof KernelFigures)[];
    return Object.fromEntries(keys.map((k) => [k, quantile(list.map((f) => f[k] ?? NaN), 0.5)])) as unknown as KernelFigures;
  };
  const figures = Object.fromEntries(Object.entries(rounds).map(([name, list]) => [name, medianOf(list)])) as Partial<Record<KernelName, KernelFigures>>;
  return { figures, skipped };
}
