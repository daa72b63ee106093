import type { Handler } from "../dispatch/dispatcher";
import type { KernelServices } from "../kernel-services";
import { log } from "../log";

/** Replies, closes the sockets and exits; worker threads end with the process, child processes when their parent is gone. The frontend starts a new process to restart. */
export function shutdownHandler(kernel: KernelServices): Handler {
  return (request) => {
    const restart = (request.content as { restart?: boolean }).restart === true;
    setImmediate(() => {
      kernel.publisher.status(request, "idle");
      kernel
        .shutdown()
        .catch((e: Error) => log(`shutdown: ${e.message}`))
        .finally(() => process.exit(0));
    });
    return { status: "ok", restart };
  };
}
