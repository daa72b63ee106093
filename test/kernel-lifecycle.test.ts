/** The end of a kernel: no child process outlives it, whether it is killed, shut down, or its client is killed. (The soak is in kernel-soak.test.ts.) */
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { KernelChannels } from "../client/kernel-channels";
import { KERNEL_ARGV, KernelClient, newConnection } from "../client/kernel-client";
import { isRunning } from "../common/process-status";
import { childrenOf, logOnceItHolds, sleep, startKernel } from "./kernel-harness";

/** A kernel whose %%processes run loops forever in two children; ends it with `end`, then checks the children are gone. */
async function expectNoChildLeftAfter(end: (kernel: KernelClient) => Promise<unknown> | void): Promise<void> {
  const kernel = await startKernel();
  void kernel.execute("%%processes --workers 2 --tasks 2 --repeat 1\nwhile (true) {}");
  let children: number[] = [];
  for (let i = 0; i < 50 && children.length < 2; i++) {
    await sleep(200);
    children = childrenOf(kernel.process.pid!);
  }
  expect(children.length).toBeGreaterThanOrEqual(2);
  await end(kernel);
  await kernel.exited();
  for (let i = 0; i < 25 && children.some(isRunning); i++) await sleep(200);
  expect(children.filter(isRunning)).toEqual([]);
  kernel.close();
}

test("a kernel killed with SIGKILL during %%processes leaves no child process behind", async () => {
  await expectNoChildLeftAfter((kernel) => void kernel.process.kill("SIGKILL"));
}, 60_000);

test("shutdown_request during a %%processes run ends the kernel and its children", async () => {
  await expectNoChildLeftAfter((kernel) => kernel.request("control", "shutdown_request", { restart: true }));
}, 60_000);

/** Every process below `pid`. */
function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

/** Polls until none of `pids` runs, for at most `timeoutMs`; returns those still running. */
async function stillRunningAfter(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isRunning) && Date.now() < deadline) await sleep(100);
  return pids.filter(isRunning);
}

/**
 * The client, as a process of its own that starts the kernel the way jupyter_client does and
 * prints its pid; `{client_pid}` in `kernelEnv`'s values becomes the client's pid. The kernel's
 * stderr (its log) comes out of the client's.
 */
const CLIENT_SCRIPT = `
  const { spawn } = require("node:child_process");
  const [argv, kernelEnv] = JSON.parse(process.argv[1]);
  const env = { ...process.env };
  delete env.JPY_PARENT_PID;
  for (const [name, value] of Object.entries(kernelEnv)) env[name] = value.replace("{client_pid}", String(process.pid));
  const kernel = spawn(argv[0], argv.slice(1), { env, stdio: ["ignore", "ignore", "inherit"] });
  console.log(kernel.pid);
  setInterval(() => {}, 60_000);
`;

/**
 * Starts a kernel under a client process, runs `cell` until `running()` says it is under way,
 * SIGKILLs the client, and expects the kernel and every process below it gone within 5 s.
 * Returns the kernel's log.
 */
async function expectKernelEndsWithItsClient(cell: string, kernelEnv: Record<string, string>, running: (kernelPid: number) => boolean): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "conclab-client-killed-"));
  const connection = await newConnection();
  const connectionFile = path.join(dir, "connection.json");
  writeFileSync(connectionFile, JSON.stringify(connection));
  const argv = KERNEL_ARGV.map((a) => a.replace("{connection_file}", connectionFile));
  const client: ChildProcess = spawn(process.execPath, ["-e", CLIENT_SCRIPT, JSON.stringify([argv, kernelEnv])], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  client.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  let channels: KernelChannels | undefined;
  try {
    const kernelPid = await new Promise<number>((resolve, reject) => {
      client.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString())));
      client.once("exit", (code) => reject(new Error(`the client process exited with code ${code}: ${log}`)));
    });
    channels = await KernelChannels.connect(connection);
    void channels.execute(cell);
    for (let i = 0; i < 100 && !running(kernelPid); i++) await sleep(100);
    expect(running(kernelPid)).toBe(true);
    const processes = [kernelPid, ...descendantsOf(kernelPid)];
    client.kill("SIGKILL");
    expect(await stillRunningAfter(processes, 5000)).toEqual([]);
    return log;
  } finally {
    channels?.close();
    client.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a kernel whose client is killed during a %%processes run shuts down, and its child processes end", async () => {
  const log = await expectKernelEndsWithItsClient(
    "%%processes --workers 2 --tasks 2 --repeat 1\nwhile (true) {}",
    { JPY_PARENT_PID: "{client_pid}" },
    (kernelPid) => childrenOf(kernelPid).length >= 2,
  );
  expect(log).toMatch(/ended: the kernel shuts down/);
}, 60_000);

test("a kernel whose parent is killed while a cell loops on its main thread ends all the same", async () => {
  const marker = path.join(mkdtempSync(path.join(tmpdir(), "conclab-loop-")), "looping");
  try {
    await expectKernelEndsWithItsClient(`require("node:fs").writeFileSync(${JSON.stringify(marker)}, ""); while (true) {}`, {}, () => existsSync(marker));
  } finally {
    rmSync(path.dirname(marker), { recursive: true, force: true });
  }
}, 60_000);

test("a kernel ends when the process JPY_PARENT_PID names ends, though its own parent lives (a wrapper between them)", async () => {
  const standIn = spawn(process.execPath, ["-e", "setInterval(() => {}, 60_000)"], { stdio: "ignore" });
  const kernel = await startKernel({ env: { ...process.env, JPY_PARENT_PID: String(standIn.pid) } });
  try {
    standIn.kill("SIGKILL");
    expect(await stillRunningAfter([kernel.process.pid!], 5000)).toEqual([]);
    expect(await kernel.exited()).toBe(0);
    expect(await logOnceItHolds(kernel, "shuts down")).toContain(`the kernel's client (JPY_PARENT_PID ${standIn.pid}) ended: the kernel shuts down`);
  } finally {
    standIn.kill("SIGKILL");
    kernel.close();
  }
}, 60_000);
