/** `npm run bench`: figures as ratios against a baseline measured in the same run. */
import { cpus } from "node:os";
import type { BenchRow } from "./bench-row";
import { benchCompare } from "./compare.bench";
import { benchFeel } from "./feel.bench";
import { KernelFigures, benchKernelStartup } from "./kernel-startup.bench";
import { benchMagics } from "./magics.bench";
import { benchPython } from "./python.bench";
import { benchSoak } from "./soak.bench";
import { benchTopLevelCode } from "./top-level-code.bench";
import { benchStaticChart } from "./static-chart.bench";

function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n${title.padEnd(58)} ${"value".padStart(12)} ${"baseline".padStart(12)}  ratio   target`);
  for (const row of rows) {
    const figure = (n: number) => `${n.toPrecision(4)} ${row.unit}`.padStart(12);
    console.log(`${row.name.padEnd(58)} ${figure(row.value)} ${figure(row.baseline)} ${row.ratio.toFixed(2).padStart(6)}   ${row.target ?? ""}`);
  }
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`);
  const { figures, skipped } = await benchKernelStartup();
  const { conclab } = figures;
  if (!conclab) throw new Error(`conclab's kernel did not run: ${skipped.conclab}`);
  const kernelRows: Array<[string, keyof KernelFigures, string, string]> = [
    ["process start -> kernel_info_reply", "readyMs", "ms", ""],
    ["process start -> first 1+1 result", "firstResultMs", "ms", ""],
    ["steady trivial-cell round-trip, median of 50", "roundTripMedianMs", "ms", "<= 1.0 against deno"],
    ["steady trivial-cell round-trip, p90 of 50", "roundTripP90Ms", "ms", ""],
    ["kernel RSS after 20 small typed cells", "rssAfterTypedCellsBytes", "bytes", "<= 1.0 against deno"],
    ["top-level loop of 1e7 additions in a plain cell", "topLevelLoopMs", "ms", ""],
    ["the same loop inside a function", "functionLoopMs", "ms", ""],
  ];
  for (const other of ["deno", "tslab", "ipython"] as const) {
    const theirs = figures[other];
    if (!theirs) {
      console.log(`\nkernel: conclab against ${other}: skipped, ${skipped[other] ?? "it did not run"}`);
      continue;
    }
    const rows = kernelRows.filter(([, key]) => conclab[key] !== undefined && theirs[key] !== undefined);
    printRows(
      `kernel: conclab (value) against ${other} (baseline), median of 3 rounds`,
      rows.map(([name, key, unit, target]) => ({ name, value: conclab[key]!, baseline: theirs[key]!, ratio: conclab[key]! / theirs[key]!, unit, target })),
    );
  }
  printRows("magic cells as felt from the client, against baseline cells in the same kernel", await benchFeel());
  printRows("a plain cell's top-level code (value) against the same code in a function (baseline), one kernel", await benchTopLevelCode());
  printRows("magics against hand-written baselines", await benchMagics());
  printRows("%%python: CPython's per-task cost of each model beside Node's", await benchPython());
  printRows("%%compare's comparison method", await benchCompare());
  printRows("soak", await benchSoak());
  printRows("static chart SVG, 3 models x 1,000 tasks", benchStaticChart());
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
