/**
 * A small Jupyter client: starts a kernel process and talks to it through its channels
 * (kernel-channels.ts). Used by the notebook runner and by the kernel tests.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../common/package-paths";
import type * as KernelArgv from "../kernelspec/kernel-argv";
import type { ConnectionInfo } from "../protocol/connection-file";
import { KernelChannels } from "./kernel-channels";

/** The command that starts the kernel, as kernel.json has it: kernelspec/kernel-argv.js stays plain JavaScript for install.js, so it is loaded from the package rather than compiled into dist/. */
export const { KERNEL_ARGV } = require(path.join(PACKAGE_ROOT, "kernelspec", "kernel-argv.js")) as typeof KernelArgv;

export interface StartOptions {
  /** The kernel's argv with `{connection_file}` in it; by default this package's kernel. */
  argv?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the first kernel_info_reply. */
  readyTimeoutMs?: number;
  /** Where the kernel's own stderr goes (its log); default: kept in `kernelLog`. */
  onKernelStderr?: (text: string) => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A connection file's content on free local ports, with a new key. */
export async function newConnection(): Promise<ConnectionInfo> {
  const ports = await Promise.all([0, 1, 2, 3, 4].map(freePort));
  return {
    transport: "tcp",
    ip: "127.0.0.1",
    shell_port: ports[0],
    iopub_port: ports[1],
    stdin_port: ports[2],
    control_port: ports[3],
    hb_port: ports[4],
    key: randomBytes(16).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: "conclab",
  };
}

export class KernelClient extends KernelChannels {
  kernelLog = "";
  private exitPromise: Promise<number | null>;
  /** The kernel's exit code once it exited (null if a signal ended it or it never started). */
  private exitCode: number | null | undefined;

  private constructor(connection: ConnectionInfo, readonly process: ChildProcess, private readonly tempDir: string) {
    super(connection);
    this.exitPromise = new Promise((resolve) => {
      process.once("exit", (code) => resolve(code));
      // A kernel that cannot be spawned (no such executable) emits "error" and maybe never "exit".
      process.once("error", (e) => {
        this.kernelLog += `cannot start the kernel: ${e.message}\n`;
        resolve(null);
      });
    });
    void this.exitPromise.then((code) => (this.exitCode = code));
  }

  static async start(options: StartOptions = {}): Promise<KernelClient> {
    const connection = await newConnection();
    const tempDir = mkdtempSync(path.join(tmpdir(), "conclab-client-"));
    const connectionFile = path.join(tempDir, "connection.json");
    writeFileSync(connectionFile, JSON.stringify(connection));
    const [command, ...args] = (options.argv ?? KERNEL_ARGV).map((a) => a.replace("{connection_file}", connectionFile));
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const client = new KernelClient(connection, child, tempDir);
    const log = (chunk: Buffer) => {
      const text = chunk.toString();
      if (options.onKernelStderr) options.onKernelStderr(text);
      else client.kernelLog = (client.kernelLog + text).slice(-100_000);
    };
    child.stdout?.on("data", log);
    child.stderr?.on("data", log);
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    if (await client.becameReady(timeoutMs, () => client.exitCode !== undefined)) return client;
    client.close();
    const why = client.exitCode !== undefined ? `the kernel exited with code ${client.exitCode} before it was ready` : `the kernel did not answer kernel_info_request within ${timeoutMs} ms`;
    throw new Error(`${why}; its log:\n${client.kernelLog}`);
  }

  /** Interrupts the kernel the way the kernelspec says: by SIGINT or by interrupt_request on control. */
  async interrupt(mode: "signal" | "message" = "message"): Promise<void> {
    if (mode === "signal") this.process.kill("SIGINT");
    else await this.request("control", "interrupt_request");
  }

  exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** Asks the kernel to shut down, waits for it to exit (killing it after graceMs), and closes the sockets. */
  async shutdown(graceMs = 5000): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      void this.request("control", "shutdown_request", { restart: false });
      const timer = setTimeout(() => this.process.kill("SIGKILL"), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    this.close();
  }

  /** Closes the sockets and kills the kernel if it still runs. */
  close(): void {
    if (this.closed) return;
    super.close();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}
