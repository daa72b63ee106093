/** Every message type the kernel answers, over real zeromq sockets. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { KernelClient } from "../client/kernel-client";
import { newHeader, encode } from "../protocol/wire";
import { logOnceItHolds, ofType, resultText, sleep, startKernel, streamText } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

test("kernel_info describes a TypeScript kernel, on shell and on control", async () => {
  for (const channel of ["shell", "control"] as const) {
    const { reply } = await kernel.request(channel, "kernel_info_request");
    expect(reply.content).toMatchObject({ status: "ok", protocol_version: "5.3", implementation: "conclab" });
    expect(reply.content.language_info).toMatchObject({ name: "typescript", file_extension: ".ts" });
    expect((reply.content.help_links as unknown[]).length).toBeGreaterThan(0);
  }
});

test("a kernel that starts and runs a cell writes nothing to its stderr, which jupyter console shows", async () => {
  expect(resultText(await kernel.execute("1 + 1"))).toBe("2");
  await sleep(200);
  expect(kernel.kernelLog).toBe("");
});

test("execute: busy, execute_input, stream, execute_result, idle, and state across cells", async () => {
  const first = await kernel.execute('let counter: number = 41; console.log("hello"); console.error("oops"); counter + 1');
  expect(first.reply.content.status).toBe("ok");
  expect(first.iopub.map((m) => m.header.msg_type)[0]).toBe("status");
  expect(ofType(first, "execute_input")[0].content.code).toContain("counter");
  expect(streamText(first)).toBe("hello\n");
  expect(streamText(first, "stderr")).toBe("oops\n");
  expect(resultText(first)).toBe("42");
  const second = await kernel.execute("counter += 1; counter");
  expect(resultText(second)).toBe("42");
  expect(second.reply.content.execution_count).toBe((first.reply.content.execution_count as number) + 1);
});

test("top-level await and output from a timer after the cell returned go to that cell", async () => {
  const result = await kernel.execute('await new Promise((r) => setTimeout(r, 20)); setTimeout(() => console.log("late"), 100); "done"');
  expect(resultText(result)).toBe("'done'");
  const late = new Promise<string>((resolve) => {
    const stop = kernel.listen((m) => {
      if (m.header.msg_type === "stream" && (m.parent_header as { msg_id: string }).msg_id === result.reply.parent_header.msg_id) {
        stop();
        resolve(m.content.text as string);
      }
    });
  });
  expect(await late).toBe("late\n");
});

test("a type error stops the cell before it runs, pointing at the line and column", async () => {
  const result = await kernel.execute('globalThis.ranAnyway = 1;\nconst s: string = 42;');
  expect(result.reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
  expect((result.reply.content.traceback as string[]).join("\n")).toContain("cell line 2:7");
  expect(resultText(await kernel.execute("String((globalThis as any).ranAnyway)"))).toBe("'undefined'");
});

test("a runtime error's traceback points at the cell's own line", async () => {
  const result = await kernel.execute('function explode(): never {\n  throw new RangeError("boom");\n}\nexplode();');
  expect(result.reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "boom" });
  const traceback = (ofType(result, "error")[0].content.traceback as string[]).join("\n");
  expect(traceback).toMatch(/In \[\d+\], line 2:9/);
  expect(traceback).toMatch(/In \[\d+\], line 4:1/);
  // Only the cell's frames: not the wrapper that calls it, not the kernel's own code.
  expect(traceback.split("\n").slice(1)).toHaveLength(2);
});

test("a cell that throws keeps the variables it declared before the throw", async () => {
  const failed = await kernel.execute('const made = [1, 2];\nthrow new Error("later");');
  expect(failed.reply.content).toMatchObject({ status: "error", evalue: "later" });
  expect(resultText(await kernel.execute("made.length"))).toBe("2");
});

test("a shorthand property reads a variable of an earlier cell, and positions after it stay the cell's", async () => {
  await kernel.execute("const earlier = 5;");
  expect(resultText(await kernel.execute("({ earlier, twice: earlier * 2 })"))).toBe("{ earlier: 5, twice: 10 }");
  const typed = await kernel.execute("const pair = { earlier }; const s: string = pair.earlier;");
  expect((typed.reply.content.traceback as string[]).join("\n")).toContain("cell line 1:33");
  const thrown = await kernel.execute("const again = { earlier }; (undefined as any).boom;");
  expect((thrown.reply.content.traceback as string[]).join("\n")).toMatch(/In \[\d+\], line 1:47/);
});

test("an interface declared again in a later cell merges with the earlier one, as TypeScript merges them in one file", async () => {
  await kernel.execute("interface Point { x: number }");
  expect((await kernel.execute("interface Point { label: string }")).reply.content.status).toBe("ok");
  expect(resultText(await kernel.execute('const point: Point = { x: 1, label: "a" };\npoint.label + point.x'))).toBe("'a1'");
});

test("a package installed beside the notebook while the kernel runs is found by the next cell, and the cells after it still run", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "conclab-install-"));
  const beside = await startKernel({ cwd: folder });
  try {
    expect((await beside.execute('import { v } from "late-package";')).reply.content.evalue).toContain("Cannot find module 'late-package'");
    await sleep(3000); // the full checker is built when the kernel is idle, and watches where it looked
    const packageDir = path.join(folder, "node_modules", "late-package");
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, "index.js"), "exports.v = 41;");
    writeFileSync(path.join(packageDir, "index.d.ts"), "export declare const v: number;");
    await sleep(2500);
    expect(resultText(await beside.execute("let afterInstall = 1; afterInstall"))).toBe("1");
    const imported = await beside.execute('import { v } from "late-package";\nv + afterInstall');
    expect(imported.reply.content.evalue).toBeUndefined();
    expect(resultText(imported)).toBe("42");
  } finally {
    await beside.shutdown();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("stop_on_error aborts the queued cells; without it they run", async () => {
  const failing = kernel.execute('await new Promise((r) => setTimeout(r, 300)); throw new Error("first fails")');
  const queued = kernel.execute("1 + 1");
  expect((await failing).reply.content.status).toBe("error");
  expect((await queued).reply.content.status).toBe("aborted");
  const tolerant = kernel.execute('throw new Error("fails again")', { stopOnError: false });
  const after = kernel.execute("2 + 2");
  expect((await tolerant).reply.content.status).toBe("error");
  expect(resultText(await after)).toBe("4");
});

test("silent runs without outputs or a count; store_history false keeps the count", async () => {
  const before = (await kernel.execute("1")).reply.content.execution_count as number;
  const silent = await kernel.execute('console.log("hidden"); 5', { silent: true });
  expect(silent.iopub.map((m) => m.header.msg_type)).toEqual(["status", "status"]);
  const unstored = await kernel.execute("6", { storeHistory: false });
  expect(unstored.reply.content.execution_count).toBe(before);
  expect((await kernel.execute("7")).reply.content.execution_count).toBe(before + 1);
});

test("user_expressions are evaluated after the cell", async () => {
  const result = await kernel.execute("const base = 20;", { userExpressions: { double: "base * 2", bad: "nope.x" } });
  const expressions = result.reply.content.user_expressions as Record<string, { status: string; data?: Record<string, string> }>;
  expect(expressions.double).toMatchObject({ status: "ok", data: { "text/plain": "40" } });
  expect(expressions.bad.status).toBe("error");
});

test("complete, inspect and is_complete", async () => {
  await kernel.execute("const greeting = { shout(text: string) { return text.toUpperCase(); } };");
  const completion = await kernel.request("shell", "complete_request", { code: "greeting.sh", cursor_pos: 11 });
  expect(completion.reply.content.matches).toContain("shout");
  expect(completion.reply.content).toMatchObject({ cursor_start: 9, cursor_end: 11 });
  const inspection = await kernel.request("shell", "inspect_request", { code: "Math.max", cursor_pos: 8, detail_level: 0 });
  expect(inspection.reply.content.found).toBe(true);
  expect((inspection.reply.content.data as Record<string, string>)["text/plain"]).toContain("max(");
  const states = await Promise.all(["1 + 1", "if (true) {", "const = 3;", "%%time", "%%time\n1 + 1"].map((code) => kernel.request("shell", "is_complete_request", { code })));
  expect(states.map((s) => s.reply.content.status)).toEqual(["complete", "incomplete", "invalid", "incomplete", "complete"]);
});

test("help with ? comes back as a pager payload", async () => {
  const result = await kernel.execute("Math.max?");
  const payload = result.reply.content.payload as Array<{ source: string; data: Record<string, string> }>;
  expect(payload[0].source).toBe("page");
  expect(payload[0].data["text/plain"]).toContain("max(");
});

test("history: tail, range and glob search with unique and n", async () => {
  await kernel.execute("const historyMarker = 1");
  await kernel.execute("const historyMarker2 = 2");
  await kernel.execute("const historyMarker = 1", { stopOnError: false });
  const tail = await kernel.request("shell", "history_request", { hist_access_type: "tail", n: 2, output: false, raw: true });
  expect((tail.reply.content.history as unknown[]).length).toBe(2);
  const search = await kernel.request("shell", "history_request", { hist_access_type: "search", pattern: "const historyMarker*", unique: true, n: 10, output: false, raw: true });
  const inputs = (search.reply.content.history as [number, number, string][]).map((h) => h[2]);
  expect(inputs.filter((i) => i === "const historyMarker = 1")).toHaveLength(1);
  expect(inputs).toContain("const historyMarker2 = 2");
  const session = (tail.reply.content.history as [number, number, string][])[0][0];
  const range = await kernel.request("shell", "history_request", { hist_access_type: "range", session, start: 1, stop: 3, output: false, raw: true });
  expect((range.reply.content.history as unknown[]).length).toBe(2);
});

test("comms: info lists none, opening an unknown target is closed again", async () => {
  const info = await kernel.request("shell", "comm_info_request", {});
  expect(info.reply.content).toMatchObject({ status: "ok", comms: {} });
  const closed = new Promise((resolve) => {
    const stop = kernel.listen((m) => {
      if (m.header.msg_type === "comm_close" && m.content.comm_id === "c1") {
        stop();
        resolve(m.content);
      }
    });
  });
  await kernel.send("shell", kernel.message("comm_open", { comm_id: "c1", target_name: "no.such.target", data: {} }));
  expect(await closed).toMatchObject({ comm_id: "c1" });
});

test("display API: html, update by id, clear_output", async () => {
  const result = await kernel.execute(
    'import { display, clear } from "conclab";\nconst handle = display.html("<b>one</b>");\nhandle.update("<b>two</b>");\nclear({ wait: true });\ndisplay.markdown("# md")',
  );
  expect(result.reply.content.status).toBe("ok");
  const types = result.iopub.map((m) => m.header.msg_type);
  expect(types).toEqual(expect.arrayContaining(["display_data", "update_display_data", "clear_output"]));
  const [first] = ofType(result, "display_data");
  expect((first.content.transient as { display_id: string }).display_id).toBe((ofType(result, "update_display_data")[0].content.transient as { display_id: string }).display_id);
  expect(ofType(result, "clear_output")[0].content.wait).toBe(true);
  expect(ofType(result, "execute_result")).toHaveLength(0);
});

test("a promise, an async function's result and a timer print as in Node's REPL, without the kernel's state", async () => {
  const kernelState = /kResourceStore|async_id_symbol|identities|header|Worker/;
  expect(resultText(await kernel.execute("Promise.resolve(5)"))).toBe("Promise { 5 }");
  expect(resultText(await kernel.execute("(async () => 'done')()"))).toBe("Promise { 'done' }");
  const timer = resultText(await kernel.execute("setTimeout(() => {}, 1000)"))!;
  expect(timer).toMatch(/^Timeout \{/);
  expect(timer).not.toMatch(kernelState);
  expect(streamText(await kernel.execute("console.log(Promise.resolve(5), setTimeout(() => {}, 1))"))).toMatch(/^Promise \{ 5 \} Timeout \{/);
  expect(streamText(await kernel.execute("console.log(setTimeout(() => {}, 1))"))).not.toMatch(kernelState);
  const displayed = ofType(await kernel.execute('import { display } from "conclab";\ndisplay({ pending: Promise.resolve(5) });'), "display_data");
  expect((displayed[0].content.data as Record<string, string>)["text/plain"]).toBe("{ pending: Promise { 5 } }");
});

test("a value with Symbol.for('Jupyter.display') shows its own MIME bundle", async () => {
  const result = await kernel.execute('({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<i>rich</i>" }; } })');
  expect((ofType(result, "execute_result")[0].content.data as Record<string, string>)["text/html"]).toBe("<i>rich</i>");
});

test("input() asks the frontend through stdin", async () => {
  kernel.onInputRequest = (prompt) => `answer to ${prompt}`;
  const result = await kernel.execute('import { input } from "conclab";\nawait input("Name?")');
  expect(resultText(result)).toBe("'answer to Name?'");
});

test("a message with a bad or missing signature is dropped and never executed", async () => {
  const message = kernel.message("execute_request", { code: "(globalThis as any).forged = true", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  const frames = encode(message, kernel.signer);
  frames[1] = Buffer.from("0".repeat(64));
  await kernel.sendFrames("shell", frames);
  const unsigned = encode({ ...message, header: newHeader("execute_request", kernel.session) }, kernel.signer);
  unsigned[1] = Buffer.from("");
  await kernel.sendFrames("shell", unsigned);
  await sleep(300);
  expect(resultText(await kernel.execute("String((globalThis as any).forged)"))).toBe("'undefined'");
  expect(await logOnceItHolds(kernel, "bad or missing signature")).toContain("bad or missing signature");
});

test("control is served while a cell awaits", async () => {
  const slow = kernel.execute("await new Promise((r) => setTimeout(r, 1500)); 1");
  await sleep(200);
  const started = Date.now();
  await kernel.request("control", "kernel_info_request");
  expect(Date.now() - started).toBeLessThan(1000);
  expect(resultText(await slow)).toBe("1");
});
