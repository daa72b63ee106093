import { cellGlobal } from "../framework/cell-realm";

/**
 * Under %%sync and %%async the body runs on the kernel's main thread, where process.exit() would
 * end the kernel; while they run, it throws in the task instead.
 */
export async function withProcessExitGuarded<T>(model: string, work: () => Promise<T>): Promise<T> {
  const { process } = cellGlobal();
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new Error(`process.exit(${code ?? ""}) would end the kernel: a %%${model} body runs on the kernel's main thread, so the task fails instead (under %%threads or %%processes it ends only that task's worker or process)`);
  });
  try {
    return await work();
  } finally {
    process.exit = exit;
  }
}
