import type { Handler } from "../dispatch/dispatcher";
import type { KernelServices } from "../kernel-services";

/** Replies, then shuts down and exits. */
export function shutdownHandler(kernel: KernelServices): Handler {
  return (request) => {
    const restart = (request.content as { restart?: boolean }).restart === true;
    setImmediate(() => {
      kernel.publisher.status(request, "idle");
      kernel.shutdownAndExit();
    });
    return { status: "ok", restart };
  };
}
