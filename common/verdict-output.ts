/**
 * A verdict's output as the tutorials show it and the notebook runner reads it back: its MIME type,
 * the words and colours of its outcome, and what the article says of each claim.
 */

/** The MIME type of a verdict's data in a cell's outputs: `{ verdicts: [...] }`, beside its text/html and text/plain. */
export const VERDICT_MIME = "application/vnd.conclab.verdict+json";

/**
 * `"partly"`: the claim holds under some of the measured conditions and not under others.
 * `"cannot judge"`: the results needed are missing or failed, or what they show cannot decide the claim.
 */
export type Holds = boolean | "partly" | "cannot judge";

export const HOLDS: readonly Holds[] = [true, false, "partly", "cannot judge"];

export function holdsLabel(holds: Holds): string {
  return holds === true ? "holds" : holds === false ? "does not hold" : holds === "partly" ? "holds in part" : "cannot judge";
}

/** The colour of each outcome's badge, by its label. */
export const HOLDS_COLOURS: Record<string, string> = { holds: "#1a7f37", "does not hold": "#cf222e", "holds in part": "#9a6700", "cannot judge": "#57606a" };

/** What the article (../shared/CLAIMS.md, "the article says") claims, by claim id. */
export const ARTICLE_CLAIMS: Readonly<Record<string, string>> = {
  C1: "async is faster than threads because creating and synchronising threads costs time",
  C2: "multithreading works better when the application does a lot of I/O such as network requests",
  C3: "an error in one async task does not affect the others; an error in one thread may affect others, deadlocks, memory leaks",
  C4: "threads need more memory than async, since a thread is created per task",
  C5: "threading gives parallelism, async gives concurrency",
  C6: "threading is ideal for CPU-bound work (and, elsewhere in the same text, the GIL prevents it)",
  C7: "async is best for I/O-bound work",
  C8: "too many threads degrade performance (congestion, context switching)",
  C9: "async is easier to debug; threads share memory and race",
  C10: "threads deadlock",
  C11: "threading keeps a GUI responsive while long work runs",
  C12: "async has less overhead because coroutines are lighter",
};

/** The runtime a verdict's figures come from, as its data carries it (a result's `runtime`). */
export interface VerdictRuntime {
  implementation: string;
  version: string;
  build?: string;
  gilEnabled?: boolean;
}

/** "Node", "CPython 3.11 (GIL)", "CPython 3.13 (free-threaded, GIL off)": the runtime a verdict line is "on". */
export function runtimeLabel(runtime: VerdictRuntime): string {
  if (runtime.implementation === "node") return "Node";
  const name = runtime.implementation === "cpython" ? "CPython" : runtime.implementation;
  const version = runtime.version.split(".").slice(0, 2).join(".");
  const gil = runtime.build === "free-threaded" ? `free-threaded, GIL ${runtime.gilEnabled ? "on" : "off"}` : "GIL";
  return `${name} ${version} (${gil})`;
}
