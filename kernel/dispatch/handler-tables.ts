/**
 * Which handler answers each request, per channel. Two requests never reach these tables: the I/O
 * thread's own table (ANSWERED_HERE in transport/io-thread.ts) answers kernel_info_request and
 * interrupt_request, so both are answered while a cell blocks the main thread.
 */
import { commHandlers } from "../handlers/comms";
import { executeHandler } from "../handlers/execute";
import { introspectionHandlers } from "../handlers/introspection";
import { shutdownHandler } from "../handlers/shutdown";
import type { KernelServices } from "../kernel-services";
import type { HandlerTable } from "./dispatcher";

export interface HandlerTables {
  shell: HandlerTable;
  control: HandlerTable;
}

export function handlerTables(kernel: KernelServices): HandlerTables {
  const shutdown = shutdownHandler(kernel);
  return {
    shell: {
      execute_request: executeHandler(kernel),
      ...introspectionHandlers(kernel),
      history_request: (request) => ({ status: "ok", history: kernel.history.query(request.content) }),
      ...commHandlers(kernel.comms, kernel.publisher),
      shutdown_request: shutdown,
    },
    control: { shutdown_request: shutdown },
  };
}
