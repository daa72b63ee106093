import { createServer } from "node:http";

/**
 * task.server: an HTTP server on 127.0.0.1 in a worker of its own, so its work never lands on the
 * main thread being measured. Every response waits `latency` ms and carries `bytes` bytes; a
 * request may override both with ?latency=MS&bytes=N.
 */
export function serveLoopback(latencyMs: number, bytes: number, onListening: (port: number) => void): void {
  const bodies = new Map<number, Buffer>();
  const bodyOf = (size: number) => bodies.get(size) ?? bodies.set(size, Buffer.alloc(size, "x")).get(size)!;
  const server = createServer((request, response) => {
    const query = new URL(request.url ?? "/", "http://127.0.0.1").searchParams;
    const latency = Number(query.get("latency") ?? latencyMs);
    const size = Number(query.get("bytes") ?? bytes);
    if (!(latency >= 0 && size >= 0 && size <= 100_000_000)) {
      response.writeHead(400, { "content-type": "text/plain" }).end("latency must be >= 0 ms and bytes from 0 to 100000000\n");
      return;
    }
    setTimeout(() => response.writeHead(200, { "content-type": "text/plain", "content-length": size }).end(bodyOf(size)), latency);
  });
  // Idle connections stay open: a pool worker waits for its next task in Atomics.wait, where its
  // fetch cannot hear the server close one after the default 5 s, and it would send the next
  // request down the closed socket ("other side closed": every task of a run failed).
  server.keepAliveTimeout = 0;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    onListening(typeof address === "object" && address ? address.port : 0);
  });
}
