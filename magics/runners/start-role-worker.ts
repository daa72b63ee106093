import { Worker } from "node:worker_threads";
import { compiledFile } from "../../common/package-paths";
import { ThreadWorkerData, WorkerNotice, isNotice } from "../lanes/lane-messages";

export const THREAD_ENTRY = "magics/lanes/thread-entry.js";

/** Starts thread-entry.js in a role and waits for the notice that says it is up. */
export async function startRoleWorker<K extends WorkerNotice["kind"]>(workerData: ThreadWorkerData, upNotice: K): Promise<[Worker, Extract<WorkerNotice, { kind: K }>]> {
  const worker = new Worker(compiledFile(THREAD_ENTRY), { workerData });
  try {
    const notice = await new Promise<Extract<WorkerNotice, { kind: K }>>((resolve, reject) => {
      worker.on("message", (m) => isNotice(m, upNotice) && resolve(m));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the ${workerData.role} thread exited with code ${code} before it was up`)));
    });
    return [worker, notice];
  } finally {
    worker.removeAllListeners();
    // A worker's uncaught error is an 'error' event; unheard, it would throw in the kernel.
    worker.on("error", (e: Error) => process.stderr.write(`conclab: the ${workerData.role} thread failed: ${e.message}\n`));
  }
}
