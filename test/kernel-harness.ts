/** Starts the built kernel (dist/) for a test file and gives helpers over its iopub messages. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import type { Reply } from "../client/kernel-channels";
import { KernelClient } from "../client/kernel-client";
import type { Message } from "../protocol/messages";

export const DIST_MAIN = path.resolve(__dirname, "..", "dist", "kernel", "main.js");

export async function startKernel(options: Parameters<typeof KernelClient.start>[0] = {}): Promise<KernelClient> {
  if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` (npm test does) before the kernel tests`);
  return KernelClient.start(options);
}

export function ofType(reply: Reply, msgType: string): Message[] {
  return reply.iopub.filter((m) => m.header.msg_type === msgType);
}

export function streamText(reply: Reply, name: "stdout" | "stderr" = "stdout"): string {
  return ofType(reply, "stream")
    .filter((m) => m.content.name === name)
    .map((m) => m.content.text)
    .join("");
}

export function resultText(reply: Reply): string | undefined {
  const result = ofType(reply, "execute_result")[0];
  return result ? ((result.content.data as Record<string, string>)["text/plain"]) : undefined;
}

/** The value of `expression` in the kernel, read back as JSON. */
export async function evaluateIn<T>(kernel: KernelClient, expression: string): Promise<T> {
  const result = await kernel.execute(`console.log(JSON.stringify(${expression}))`);
  if (result.reply.content.status !== "ok") throw new Error(`${expression}: ${JSON.stringify(result.reply.content)}`);
  return JSON.parse(streamText(result)) as T;
}

/** The text/plain of the result table a magic cell showed. */
export function shownTable(reply: Reply): string | undefined {
  const tables = reply.iopub.filter((m) => ["display_data", "update_display_data"].includes(m.header.msg_type) && String((m.content.data as Record<string, unknown>)?.["text/html"] ?? "").includes('class="conclab-result"'));
  return tables.length ? ((tables[tables.length - 1].content.data as Record<string, string>)["text/plain"]) : undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The kernel's log once it holds `text`, or as it stands after `timeoutMs` (a busy CI machine may take seconds to log). */
export async function logOnceItHolds(kernel: KernelClient, text: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!kernel.kernelLog.includes(text) && Date.now() < deadline) await sleep(50);
  return kernel.kernelLog;
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * For a test file whose tests try to break a kernel: one kernel holding a variable, and a check
 * that it still answers with that variable.
 */
export function survivingKernel(): { kernel: () => KernelClient; expectStillServing: () => Promise<void> } {
  const kernel = kernelForFile("const survivor = 'alive';");
  return {
    kernel,
    expectStillServing: async () => expect(resultText(await kernel().execute("survivor"))).toBe("'alive'"),
  };
}

/** One kernel for the test file: started before its tests (then `setup` run in it), shut down after them. */
function kernelForFile(setup?: string): () => KernelClient {
  let kernel: KernelClient | undefined;
  beforeAll(async () => {
    kernel = await startKernel();
    if (setup) await kernel.execute(setup);
  });
  afterAll(async () => kernel?.shutdown());
  return () => kernel!;
}

/**
 * For a test file that checks what cells report: one kernel for the file, an expression's value
 * from it, a cell that must succeed (its shown table), and the last result's runs.
 */
export function measuringKernel() {
  const kernel = kernelForFile();
  const evaluate = <T>(expression: string) => evaluateIn<T>(kernel(), expression);
  return {
    kernel,
    evaluate,
    run: async (cell: string): Promise<string> => {
      const reply = await kernel().execute(cell);
      expect(reply.reply.content).toMatchObject({ status: "ok" });
      return shownTable(reply) ?? "";
    },
    runs: <R>() => evaluate<R[]>("$last.runs"),
  };
}
