/** Messages between the main thread and the I/O thread that owns the zeromq sockets. */
import type { ConnectionInfo } from "../../protocol/connection-file";
import type { ChannelName, Message } from "../../protocol/messages";
import type { KernelParent } from "./parent-watch";

export interface IoThreadData {
  connection: ConnectionInfo;
  /** The kernel's session id, for the headers of the messages the I/O thread answers itself. */
  session: string;
  /** Whom the kernel ends with. */
  parent: KernelParent;
}

/** main -> I/O thread */
export type ToIoThread =
  | { kind: "send"; channel: ChannelName; message: Message<unknown> }
  | { kind: "close" };

/** I/O thread -> main */
export type FromIoThread =
  /** The I/O thread is up; its OS id lets measurements tell its CPU from the cells'. */
  | { kind: "ready"; osThreadId: number | undefined }
  | { kind: "request"; channel: "shell" | "control" | "stdin"; message: Message }
  /** The kernel's parent or client ended: shut down now. */
  | { kind: "client-gone"; why: string }
  | { kind: "log"; text: string };

