/** Comms: the targets a kernel-side library can register, the comms open now, and the requests that open, use and close them. */
import type { JsonObject } from "../../protocol/messages";
import type { HandlerTable } from "../dispatch/dispatcher";
import type { Publisher } from "../iopub";

export interface Comm {
  id: string;
  targetName: string;
  onMessage?: (data: JsonObject) => void;
  onClose?: (data: JsonObject) => void;
}

/** Called when a frontend opens a comm to `targetName`; may set the comm's handlers. */
export type CommTarget = (comm: Comm, data: JsonObject) => void;

export class CommRegistry {
  private readonly targets = new Map<string, CommTarget>();
  private readonly open = new Map<string, Comm>();

  registerTarget(name: string, target: CommTarget): void {
    this.targets.set(name, target);
  }

  /** Returns false when no target of that name exists (the frontend is then told the comm closed). */
  openComm(id: string, targetName: string, data: JsonObject): boolean {
    const target = this.targets.get(targetName);
    if (!target) return false;
    const comm: Comm = { id, targetName };
    this.open.set(id, comm);
    target(comm, data);
    return true;
  }

  message(id: string, data: JsonObject): void {
    this.open.get(id)?.onMessage?.(data);
  }

  close(id: string, data: JsonObject): void {
    const comm = this.open.get(id);
    this.open.delete(id);
    comm?.onClose?.(data);
  }

  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const comm of this.open.values()) if (!targetName || comm.targetName === targetName) comms[comm.id] = { target_name: comm.targetName };
    return comms;
  }
}

interface CommContent {
  comm_id: string;
  target_name?: string;
  data?: JsonObject;
}

/** comm_info_request, comm_open, comm_msg, comm_close. */
export function commHandlers(comms: CommRegistry, publisher: Publisher): HandlerTable {
  return {
    comm_info_request: (request) => ({ status: "ok", comms: comms.info((request.content as { target_name?: string }).target_name) }),
    comm_open(request) {
      const { comm_id, target_name, data } = request.content as unknown as CommContent;
      if (!comms.openComm(comm_id, target_name ?? "", data ?? {})) {
        publisher.publish(request, "comm_close", { comm_id, data: { error: `no comm target named ${JSON.stringify(target_name)} in this kernel` } });
      }
      return undefined;
    },
    comm_msg(request) {
      const { comm_id, data } = request.content as unknown as CommContent;
      comms.message(comm_id, data ?? {});
      return undefined;
    },
    comm_close(request) {
      const { comm_id, data } = request.content as unknown as CommContent;
      comms.close(comm_id, data ?? {});
      return undefined;
    },
  };
}
