/** The kernel process: `conclab kernel --connection-file FILE`. */
import { Kernel } from "./kernel";
import { log } from "./log";
import { readConnectionFile } from "./protocol/connection-file";

export async function startKernel(connectionFile: string): Promise<Kernel> {
  const kernel = new Kernel(readConnectionFile(connectionFile));
  await kernel.start();
  log(`kernel ready (pid ${process.pid}, ${connectionFile})`);
  return kernel;
}
