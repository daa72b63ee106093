import type { Handler } from "../dispatch";
import type { HistoryQuery } from "../history";
import type { Kernel } from "../kernel";

export function historyHandler(kernel: Kernel): Handler {
  return (request) => ({ status: "ok", history: kernel.history.query(request.content as HistoryQuery) });
}
