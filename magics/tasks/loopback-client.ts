import type { ServerResponse, TaskServer } from "./task-context";

/** Where the loopback server listens and what it answers by default. */
export interface ServerAddress {
  url: string;
  latencyMs: number;
  bytes: number;
}

/** task.server: GETs from the loopback server with fetch, honouring the task's signal. */
export function loopbackClient(address: ServerAddress, signal: AbortSignal): TaskServer {
  return {
    url: address.url,
    async get(path = "/", options = {}): Promise<ServerResponse> {
      const url = new URL(path, address.url);
      if (options.latencyMs !== undefined) url.searchParams.set("latency", String(options.latencyMs));
      if (options.bytes !== undefined) url.searchParams.set("bytes", String(options.bytes));
      const response = await fetch(url, { signal });
      const body = await response.text();
      return { status: response.status, bytes: Buffer.byteLength(body), body };
    },
  };
}
