import { readFileSync } from "node:fs";

/** The connection file Jupyter writes for a kernel (see the Jupyter client docs, "Connection files"). */
export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

export type SocketName = "shell" | "iopub" | "stdin" | "control" | "hb";

export function readConnectionFile(path: string): ConnectionInfo {
  let info: Partial<ConnectionInfo>;
  try {
    info = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the connection file ${path}: ${(e as Error).message}`);
  }
  for (const port of ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"] as const) {
    if (!Number.isInteger(info[port])) throw new Error(`connection file ${path}: ${port} must be an integer port, got ${JSON.stringify(info[port])}`);
  }
  return { transport: "tcp", key: "", signature_scheme: "hmac-sha256", ip: "127.0.0.1", ...info } as ConnectionInfo;
}

export function endpoint(info: ConnectionInfo, socket: SocketName): string {
  const port = info[`${socket}_port`];
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
