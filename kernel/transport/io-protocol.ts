/** Messages between the main thread and the I/O thread that owns the zeromq sockets. */
import type { ConnectionInfo } from "../protocol/connection-file";
import type { ChannelName, Message } from "../protocol/messages";

export interface IoThreadData {
  connection: ConnectionInfo;
  /** The kernel's session id, for the headers of the messages the I/O thread answers itself. */
  session: string;
  /** See InterruptFlags. */
  flags: SharedArrayBuffer;
}

/** main -> I/O thread */
export type ToIoThread =
  | { kind: "send"; channel: ChannelName; message: Message<unknown> }
  | { kind: "close" };

/** I/O thread -> main */
export type FromIoThread =
  | { kind: "ready" }
  | { kind: "request"; channel: "shell" | "control" | "stdin"; message: Message }
  | { kind: "interrupt"; sequence: number }
  | { kind: "log"; text: string };

/**
 * Int32 slots shared by the two threads. The I/O thread must know whether the main thread is
 * running user code and whether it took an interrupt, because a blocked main thread cannot answer.
 */
export const InterruptFlags = {
  /** 1 while a cell's code runs on the main thread. */
  RUNNING: 0,
  /** the last interrupt the I/O thread asked for */
  REQUESTED: 1,
  /** the last interrupt the main thread took */
  TAKEN: 2,
  SIZE: 3,
} as const;
