/** The kernel process: `conclab kernel --connection-file FILE`. */
import { setFlagsFromString } from "node:v8";
import { Kernel } from "./kernel";
import { readConnectionFile } from "../protocol/connection-file";

/**
 * Type-checking a cell leaves much garbage, and V8's default growth let the heap of a kernel that
 * ran 200 plain cells reach ~490 MB with ~160 MB in use. Growing by 25% at a time kept it near
 * 270 MB, for a few percent more time per cell (npm run bench: the round-trip and soak rows).
 */
const HEAP_GROWING_PERCENT = 25;

export async function startKernel(connectionFile: string): Promise<Kernel> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const kernel = new Kernel(readConnectionFile(connectionFile));
  await kernel.start();
  return kernel;
}
