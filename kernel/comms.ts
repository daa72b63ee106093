/** The comm registry: targets a kernel-side library can register, and the comms open now. */
import type { JsonObject } from "./protocol/messages";

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
