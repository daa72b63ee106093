/**
 * A classic Notebook server (Debian's jupyter-notebook) on 127.0.0.1 for the browser tests, with
 * the conclab kernelspec installed in a Jupyter environment of its own (a temp dir for HOME and
 * every Jupyter dir), so a test reads and writes nothing of the user's.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DIST_MAIN, sleep } from "../kernel-harness";

const ROOT = path.resolve(__dirname, "..", "..");
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface NotebookServer {
  /** The server's origin, http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The folder the server serves; the notebooks given to startNotebookServer are copied here. */
  notebookDir: string;
  /** The isolated Jupyter environment (also right for nbconvert and `jupyter trust`). */
  env: NodeJS.ProcessEnv;
  /** The URL that opens `notebook` (a path under notebookDir) and logs in with the token. */
  notebookUrl(notebook: string): string;
  /** Stops the server, its kernels and anything else started in its environment; removes the temp dir. */
  stop(): Promise<void>;
}

/** HOME and every Jupyter/IPython/XDG dir inside `home`; the conclab kernelspec installed there. */
export function isolatedJupyterEnv(home: string): NodeJS.ProcessEnv {
  const dir = (name: string) => {
    const full = path.join(home, name);
    mkdirSync(full, { recursive: true });
    return full;
  };
  const data = dir("jupyter-data");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir("home"),
    JUPYTER_DATA_DIR: data,
    JUPYTER_PATH: data,
    JUPYTER_CONFIG_DIR: dir("jupyter-config"),
    JUPYTER_RUNTIME_DIR: dir("jupyter-runtime"),
    IPYTHONDIR: dir("ipython"),
    XDG_DATA_HOME: dir("xdg-data"),
    XDG_CONFIG_HOME: dir("xdg-config"),
    XDG_CACHE_HOME: dir("xdg-cache"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npx tsc -p tsconfig.json\` (npm test does) before the browser tests`);
  const install = spawnSync(process.execPath, [path.join(ROOT, "install.js"), "--user"], { env, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`install.js --user failed (${install.status}): ${install.stderr}`);
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether the server answers its REST API with this token. */
async function answers(origin: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/api/status`, { headers: { Authorization: `token ${token}` }, signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The pids of processes whose environment has JUPYTER_RUNTIME_DIR=`runtimeDir`: the server, its kernels and their children. */
function processesOf(runtimeDir: string): number[] {
  const marker = Buffer.from(`JUPYTER_RUNTIME_DIR=${runtimeDir}\0`);
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/environ`).includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await sleep(50);
  return child.exitCode !== null || child.signalCode !== null;
}

/** The stop functions of the servers started and not yet stopped. */
const running = new Set<() => Promise<void>>();

/** Stops every server still running: for afterAll, in case a test timed out before its own `finally` stopped it. */
export async function stopNotebookServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/**
 * Signs `notebook` in this environment's trust database (`jupyter trust`), as its owner would: its
 * saved HTML and JavaScript outputs then run when Notebook opens it.
 */
function trust(python: string, notebook: string, env: NodeJS.ProcessEnv): void {
  const signed = spawnSync(python, ["-m", "nbformat.sign", notebook], { env, encoding: "utf8", timeout: 60_000 });
  if (signed.status !== 0) throw new Error(`jupyter trust (${python} -m nbformat.sign) failed on ${notebook} (${signed.status}): ${signed.stderr}`);
}

/**
 * Starts `python -m notebook` on a free port of 127.0.0.1 serving copies of `notebooks` (signed as
 * trusted with `trusted`), and resolves once its API answers. Its log is kept for the error when it does not start.
 */
export async function startNotebookServer(python: string, notebooks: readonly string[], options: { trusted?: boolean } = {}): Promise<NotebookServer> {
  const home = mkdtempSync(path.join(tmpdir(), "conclab-browser-"));
  const env = isolatedJupyterEnv(home);
  const notebookDir = path.join(home, "notebooks");
  mkdirSync(notebookDir);
  for (const notebook of notebooks) {
    const copy = path.join(notebookDir, path.basename(notebook));
    copyFileSync(notebook, copy);
    if (options.trusted) trust(python, copy, env);
  }
  const token = randomBytes(24).toString("hex");
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--NotebookApp.port_retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`];
  // Notebook refuses to run as root (a CI container) unless told.
  if (process.getuid?.() === 0) args.push("--allow-root");
  const child = spawn(python, args, { env, cwd: notebookDir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));

  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopServer());
  const stopServer = async () => {
    running.delete(stop);
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM makes notebook shut its kernels down before it exits (NotebookApp._signal_stop).
      child.kill("SIGTERM");
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) child.kill("SIGKILL");
    }
    // Kernels run in sessions of their own; whatever outlived the server still carries its environment.
    for (const pid of processesOf(env.JUPYTER_RUNTIME_DIR as string)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // It exited since /proc listed it.
      }
    }
    rmSync(home, { recursive: true, force: true });
  };

  running.add(stop);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(origin, token))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      const why = child.exitCode !== null ? `exited with status ${child.exitCode}` : `did not answer on ${origin} within ${START_TIMEOUT_MS / 1000} s`;
      throw new Error(`the Notebook server (${python} ${args.join(" ")}) ${why}; its log:\n${log}`);
    }
    await sleep(200);
  }
  return {
    origin,
    token,
    notebookDir,
    env,
    notebookUrl: (notebook) => `${origin}/notebooks/${notebook.split("/").map(encodeURIComponent).join("/")}?token=${token}`,
    stop,
  };
}

/** Runs `python -m nbconvert ARGS` in an isolated Jupyter environment of its own (removed after), with the conclab kernelspec; throws with its stderr when it fails. */
export function runNbconvert(python: string, args: readonly string[], timeoutMs: number): void {
  const home = mkdtempSync(path.join(tmpdir(), "conclab-nbconvert-"));
  try {
    const run = spawnSync(python, ["-m", "nbconvert", ...args], { env: isolatedJupyterEnv(home), encoding: "utf8", timeout: timeoutMs });
    if (run.status !== 0) throw new Error(`${python} -m nbconvert ${args.join(" ")} failed (${run.status ?? run.signal}): ${run.stderr}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
