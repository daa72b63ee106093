/** Messages between the main thread and the I/O thread that owns the zeromq sockets. */
import type { ConnectionInfo } from "../../protocol/connection-file";
import type { ChannelName, Message } from "../../protocol/messages";

export interface IoThreadData {
  connection: ConnectionInfo;
  /** The kernel's session id, for the headers of the messages the I/O thread answers itself. */
  session: string;
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
  | { kind: "log"; text: string };

