/** Jupyter messaging 5.3 envelope types. Field names follow the protocol (snake_case). */

export const PROTOCOL_VERSION = "5.3";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type JsonObject = Record<string, unknown>;

export interface Message<C = JsonObject> {
  /** zmq routing identities that came before the delimiter (ROUTER sockets). */
  identities: Buffer[];
  header: Header;
  /** The header of the request this message answers, or `{}`. */
  parent_header: Header | Record<string, never>;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

export type ChannelName = "shell" | "control" | "stdin" | "iopub";
