/** comm_info_request, comm_open, comm_msg, comm_close. */
import type { HandlerTable } from "../dispatch";
import type { Kernel } from "../kernel";
import type { JsonObject } from "../protocol/messages";

interface CommContent {
  comm_id: string;
  target_name?: string;
  data?: JsonObject;
}

export function commHandlers(kernel: Kernel): HandlerTable {
  return {
    comm_info_request: (request) => ({ status: "ok", comms: kernel.comms.info((request.content as { target_name?: string }).target_name) }),
    comm_open(request) {
      const { comm_id, target_name, data } = request.content as unknown as CommContent;
      if (!kernel.comms.openComm(comm_id, target_name ?? "", data ?? {})) {
        kernel.publisher.publish(request, "comm_close", { comm_id, data: { error: `no comm target named ${JSON.stringify(target_name)} in this kernel` } });
      }
      return undefined;
    },
    comm_msg(request) {
      const { comm_id, data } = request.content as unknown as CommContent;
      kernel.comms.message(comm_id, data ?? {});
      return undefined;
    },
    comm_close(request) {
      const { comm_id, data } = request.content as unknown as CommContent;
      kernel.comms.close(comm_id, data ?? {});
      return undefined;
    },
  };
}
