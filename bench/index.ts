/** `npm run bench`: figures as ratios against a baseline measured in the same run. */
import { cpus } from "node:os";
import { benchKernelStartup } from "./kernel-startup.bench";

async function main(): Promise<void> {
  console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`);
  const { conclab, tslab } = await benchKernelStartup();
  const rows: Array<[string, keyof typeof conclab, string]> = [
    ["process start -> kernel_info_reply", "readyMs", "<= 0.5"],
    ["process start -> first 1+1 result", "firstResultMs", "<= 0.5"],
    ["steady trivial-cell round-trip, median of 50", "roundTripMedianMs", "<= 1.0"],
    ["steady trivial-cell round-trip, p90 of 50", "roundTripP90Ms", "<= 1.0"],
  ];
  console.log("\nkernel (median of 3 rounds)                   conclab ms   tslab ms   ratio   target");
  for (const [label, key, target] of rows) {
    const ratio = conclab[key] / tslab[key];
    console.log(`${label.padEnd(46)} ${conclab[key].toFixed(1).padStart(10)} ${tslab[key].toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(7)}   ${target}`);
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
