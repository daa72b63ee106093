/** %results through a real kernel: list the kept results, export them to files in the notebook folder, diff two. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Reply } from "../client/kernel-channels";
import { KernelClient } from "../client/kernel-client";
import { resultText, startKernel, streamText } from "./kernel-harness";

let kernel: KernelClient;
let notebookFolder: string;
beforeAll(async () => {
  notebookFolder = mkdtempSync(path.join(tmpdir(), "conclab-notebook-"));
  kernel = await startKernel({ cwd: notebookFolder });
  for (const cell of ["%%sync --tasks 3 --repeat 2 --name spun\ntask.spin(5);\nreturn task.index;", "%%async --tasks 3 --repeat 2 --name slept\nawait task.sleep(5);\nreturn task.index;"]) {
    const { reply } = await kernel.execute(cell);
    expect(reply.content.status).toBe("ok");
  }
});
afterAll(async () => {
  await kernel?.shutdown();
  rmSync(notebookFolder, { recursive: true, force: true });
});

function resultHtml(reply: Reply): string | undefined {
  const result = reply.iopub.find((m) => m.header.msg_type === "execute_result");
  return result ? (result.content.data as Record<string, string>)["text/html"] : undefined;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const close = /"(?!")/g;
      close.lastIndex = i + 1;
      const end = close.exec(text.replace(/""/g, "\0\0"))!.index;
      field += text.slice(i + 1, end).replace(/""/g, '"');
      i = end;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      records.push([...record, field]);
      [record, field] = [[], ""];
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

async function usageError(code: string): Promise<string> {
  const { reply } = await kernel.execute(code, { stopOnError: false });
  expect(reply.content).toMatchObject({ status: "error", ename: "UsageError" });
  return String(reply.content.evalue);
}

test("%results lists the kept results as text and HTML", async () => {
  const result = await kernel.execute("%results");
  const text = resultText(result)!;
  expect(text).toMatch(/\$results\.spun\s+sync\s+%%sync --tasks 3 --repeat 2 --name spun\s+3\s/);
  expect(text).toMatch(/\$results\.slept \(\$last\)\s+async/);
  expect(text).toContain("all on the same machine");
  expect(resultHtml(result)).toContain("<td>$results.spun</td>");
});

test("export --csv writes one row per measured run into the notebook folder", async () => {
  const said = resultText(await kernel.execute("%results export spun --csv spun.csv"));
  const file = path.join(notebookFolder, "spun.csv");
  expect(said).toContain(`wrote $results.spun to ${file} (CSV, a row for each of 2 measured runs of 1 experiment`);
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  expect(rows).toHaveLength(2);
  const cell = (row: string[], name: string) => row[header.indexOf(name)];
  for (const row of rows) {
    expect(row).toHaveLength(header.length);
    expect(cell(row, "model")).toBe("sync");
    expect(cell(row, "magic_line")).toBe("%%sync --tasks 3 --repeat 2 --name spun");
    expect(Number(cell(row, "wall_ms"))).toBeGreaterThanOrEqual(15);
    expect(Number(cell(row, "tasks_ok"))).toBe(3);
  }
  expect(rows.map((row) => cell(row, "run"))).toEqual(["1", "2"]);
});

test("export --json writes the full result, the same as $results.NAME in the notebook", async () => {
  await kernel.execute("%results export slept --json slept.json");
  const written = JSON.parse(readFileSync(path.join(notebookFolder, "slept.json"), "utf8"));
  expect(written).toMatchObject({ kind: "conclab.experiment", model: "async", options: { tasks: 3, repeat: 2 } });
  expect(written.runs).toHaveLength(2);
  const inNotebook = JSON.parse(streamText(await kernel.execute("console.log(JSON.stringify($results.slept))")));
  expect(written).toEqual(inNotebook);
});

test("a silent execution still writes the file", async () => {
  await kernel.execute("%results export last --json silent.json", { silent: true });
  expect(existsSync(path.join(notebookFolder, "silent.json"))).toBe(true);
});

test("%results diff sets two results side by side with B/A", async () => {
  const text = resultText(await kernel.execute("%results diff spun slept"))!;
  expect(text).toMatch(/^%results diff \$results\.spun \$results\.slept: A: median of 2 runs, B: median of 2 runs/);
  expect(text).toMatch(/figure\s+A: \$results\.spun \(sync\)\s+B: \$results\.slept \(async\)\s+B\/A/);
  expect(text).toMatch(/median wall\s+\S+ \S+\s+\S+ \S+\s+[\d.]+×/);
  expect(text).toMatch(/tasks ok\/failed \(last run\)\s+3 ok, 0 failed\s+3 ok, 0 failed/);
  expect(text).toContain("A and B ran on the same machine");
});

test("mistakes are UsageErrors that say what to fix", async () => {
  expect(await usageError("%results export nope --csv x.csv")).toContain('no kept result named "nope"; the kept results are: spun, slept, $last');
  expect(await usageError("%results export spun")).toContain("--csv FILE, --json FILE or --trace FILE");
  expect(await usageError("%results export spun --csv a.csv --json a.json")).toContain("not --csv and --json (one format per file)");
  expect(await usageError("%results export spun --csv")).toContain("--csv needs FILE after it");
  expect(await usageError("%results export spun --csv missing/x.csv")).toContain(`the folder ${path.join(notebookFolder, "missing")} does not exist`);
  expect(await usageError("%results diff spun")).toContain("takes two kept results");
  expect(await usageError("%results dif spun slept")).toContain("did you mean diff?");
});

test("%results? gives its help, %lsmagic lists it, and %res completes to it", async () => {
  const help = await kernel.execute("%results?");
  const page = (help.reply.content.payload as Array<{ data: Record<string, string> }>)[0].data["text/plain"];
  expect(page).toContain("%results export NAME --csv FILE");
  expect(page).toContain("%results diff A B");
  expect(resultText(await kernel.execute("%lsmagic"))).toMatch(/%results\s+the kept results/);
  const completion = await kernel.request("shell", "complete_request", { code: "%res", cursor_pos: 4 });
  expect(completion.reply.content.matches).toContain("%results");
});

test("export --trace writes Chrome trace events: one per task of every run, on the track of the thread that ran it, at its times", async () => {
  const ran = await kernel.execute("%%threads --workers 2 --tasks 4 --repeat 2 --name pooled\ntask.spin(5);\nreturn task.threadId;");
  expect(ran.reply.content.status).toBe("ok");
  const said = resultText(await kernel.execute("%results export pooled --trace pooled.trace.json"));
  expect(said).toContain("(trace JSON, Chrome trace events for Perfetto or chrome://tracing: 8 task spans of 1 experiment");
  const { traceEvents } = JSON.parse(readFileSync(path.join(notebookFolder, "pooled.trace.json"), "utf8")) as { traceEvents: { ph: string; name: string; tid: number; ts: number; dur: number; args: { run: number; task: number; name?: string } }[] };
  const spans = traceEvents.filter((e) => e.ph === "X");
  expect(spans.map((e) => `${e.args.run}:${e.args.task}`)).toEqual(["1:0", "1:1", "1:2", "1:3", "2:0", "2:1", "2:2", "2:3"]);
  // The thread each task of the last run saw itself on (task.threadId), independently of the recorded lanes.
  const threadIds = JSON.parse(streamText(await kernel.execute("console.log(JSON.stringify($results.pooled.values))"))) as number[];
  expect(spans.filter((e) => e.args.run === 2).map((e) => e.tid)).toEqual(threadIds);
  const names = new Map(traceEvents.filter((e) => e.name === "thread_name").map((e) => [e.tid, e.args.name]));
  for (const tid of threadIds) expect(names.get(tid)).toBe(`thread ${tid}`);
  const runs = JSON.parse(streamText(await kernel.execute("console.log(JSON.stringify($results.pooled.runs.map((r) => ({ wallMs: r.wallMs, tasks: r.tasks }))))"))) as { wallMs: number; tasks: { start: number[]; end: number[] } }[];
  spans.forEach((e) => {
    const run = runs[e.args.run - 1];
    const offset = e.args.run === 1 ? 0 : runs[0].wallMs + 1;
    expect(e.ts / 1000).toBeCloseTo(offset + run.tasks.start[e.args.task], 6);
    expect(e.dur / 1000).toBeCloseTo(run.tasks.end[e.args.task] - run.tasks.start[e.args.task], 6);
    expect(e.dur / 1000).toBeGreaterThanOrEqual(4);
  });
});
