/**
 * The soak of the robustness issue: 1,000 plain cells and 300 magic runs in one kernel leave its
 * RSS after GC less than 50 MiB above where it started, and its thread count where it was.
 * (npm run bench runs the same rounds twice and reports the figures.)
 */
import { footprint, prepareSoak, soakRound } from "../bench/soak.bench";
import { startKernel } from "./kernel-harness";

const MIB = 2 ** 20;

test("1,000 plain cells and 300 magic runs: RSS after GC grows by less than 50 MiB, threads back to baseline", async () => {
  const kernel = await startKernel();
  try {
    const before = await prepareSoak(kernel);
    await soakRound(kernel);
    const after = await footprint(kernel);
    process.stderr.write(`soak: RSS after GC ${(before.rss / MIB).toFixed(1)} -> ${(after.rss / MIB).toFixed(1)} MiB, V8 heap used ${(before.heap / MIB).toFixed(1)} -> ${(after.heap / MIB).toFixed(1)} MiB, threads ${before.threads} -> ${after.threads}\n`);
    expect((after.rss - before.rss) / MIB).toBeLessThan(50);
    expect(after.threads).toBe(before.threads);
  } finally {
    await kernel.shutdown();
  }
}, 600_000);
