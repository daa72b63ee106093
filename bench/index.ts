/** `npm run bench`: figures as ratios against a baseline measured in the same run. */
import { cpus } from "node:os";
import type { BenchRow } from "./bench-row";
import { benchCompare } from "./compare.bench";
import { benchFeel } from "./feel.bench";
import { benchKernelStartup } from "./kernel-startup.bench";
import { benchMagics } from "./magics.bench";
import { benchSoak } from "./soak.bench";

function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n${title.padEnd(58)} ${"value".padStart(12)} ${"baseline".padStart(12)}  ratio   target`);
  for (const row of rows) {
    const figure = (n: number) => `${n.toPrecision(4)} ${row.unit}`.padStart(12);
    console.log(`${row.name.padEnd(58)} ${figure(row.value)} ${figure(row.baseline)} ${row.ratio.toFixed(2).padStart(6)}   ${row.target ?? ""}`);
  }
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`);
  const { conclab, tslab } = await benchKernelStartup();
  const kernelRows: Array<[string, keyof typeof conclab, string]> = [
    ["process start -> kernel_info_reply", "readyMs", "<= 0.5"],
    ["process start -> first 1+1 result", "firstResultMs", "<= 0.5"],
    ["steady trivial-cell round-trip, median of 50", "roundTripMedianMs", "<= 1.0"],
    ["steady trivial-cell round-trip, p90 of 50", "roundTripP90Ms", "<= 1.0"],
  ];
  printRows(
    "kernel: conclab (value) against tslab (baseline), median of 3 rounds",
    kernelRows.map(([name, key, target]) => ({ name, value: conclab[key], baseline: tslab[key], ratio: conclab[key] / tslab[key], unit: "ms", target })),
  );
  printRows("magic cells as felt from the client, against baseline cells in the same kernel", await benchFeel());
  printRows("magics against hand-written baselines", await benchMagics());
  printRows("%%compare's comparison method", await benchCompare());
  printRows("soak", await benchSoak());
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
