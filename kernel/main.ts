/** The kernel process: `conclab kernel --connection-file FILE`. */
import { setFlagsFromString } from "node:v8";
import { Kernel } from "./kernel";
import { MAIN_THREAD_NODE_FLAGS } from "./kernel-argv";
import { log } from "./log";
import { readConnectionFile } from "./protocol/connection-file";

/**
 * Type-checking a cell leaves much garbage, and V8's default growth let the heap of a kernel that
 * ran 200 plain cells reach ~490 MB with ~160 MB in use. Growing by 25% at a time kept it near
 * 270 MB, for a few percent more time per cell (npm run bench: the round-trip and soak rows).
 */
const HEAP_GROWING_PERCENT = 25;

export async function startKernel(connectionFile: string): Promise<Kernel> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // The main thread was started without it (kernelspec/kernel-argv.js); the worker threads the magics start get Node's default.
  setFlagsFromString("--concurrent-recompilation");
  const missing = MAIN_THREAD_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length > 0) log(`started without ${missing.join(" ")}: type-checking will leave about 29 MiB per V8 background thread in the process; run \`node install.js\` again to update kernel.json`);
  const kernel = new Kernel(readConnectionFile(connectionFile));
  await kernel.start();
  log(`kernel ready (pid ${process.pid}, ${connectionFile})`);
  return kernel;
}
