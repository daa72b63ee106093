/**
 * Top-level code, whose variables that no function names live on a run's own object while the
 * cell runs (kernel/execution/cell-script.ts): what cells did before still holds, through a real
 * kernel over ZeroMQ.
 */
import { KernelClient } from "../client/kernel-client";
import type { Reply } from "../client/kernel-channels";
import { resultText, sleep, startKernel, streamText } from "./kernel-harness";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

function ok(reply: Reply): Reply {
  expect(reply.reply.content).toMatchObject({ status: "ok" });
  return reply;
}

async function value(code: string): Promise<string | undefined> {
  return resultText(ok(await kernel.execute(code)));
}

test("a function of one cell reads and writes the variable that a later cell assigns or declares again", async () => {
  ok(await kernel.execute("let shared = 1; const readShared = () => shared; const bump = () => { shared++; };"));
  ok(await kernel.execute("shared = 5;"));
  expect(await value("readShared()")).toBe("5");
  expect(await value("bump(); shared")).toBe("6");
  ok(await kernel.execute("let shared = 10;"));
  expect(await value("readShared()")).toBe("10");
});

test("a function declared at the top level sees a later cell's redefinition of a function it calls, and its own recursion", async () => {
  ok(await kernel.execute("function helper() { return 1; }\nfunction main() { return helper(); }\nfunction fib(n: number): number { return n < 2 ? n : fib(n - 1) + fib(n - 2); }"));
  ok(await kernel.execute("function helper() { return 2; }"));
  expect(await value("main() + fib(10)")).toBe("57");
});

test("a let declared again by running its cell again starts over, and the cells after see the last run's value", async () => {
  const cell = "let runs = 0; for (let i = 0; i < 3; i++) runs++; runs";
  expect(await value(cell)).toBe("3");
  expect(await value(cell)).toBe("3");
  expect(await value("runs += 1; runs")).toBe("4");
});

test("a class and an interface declared again: the new class, the merged interface", async () => {
  ok(await kernel.execute("class Shape { sides = 3 }\ninterface Named { name: string }"));
  ok(await kernel.execute("class Shape { sides = 4 }\ninterface Named { label: string }"));
  expect(await value("const named: Named = { name: 'a', label: 'b' }; new Shape().sides + named.name + named.label")).toBe("'4ab'");
});

test("await inside a top-level loop: the loop's variables count on across the awaits", async () => {
  expect(await value("let ticks = 0; const seen: number[] = []; for (let i = 0; i < 5; i++) { await new Promise((r) => setTimeout(r, 5)); ticks += i; seen.push(ticks); } seen")).toBe("[ 0, 1, 3, 6, 10 ]");
  expect(await value("ticks")).toBe("10");
});

test("an interrupted top-level loop keeps the counter it had reached, of its own cell and of an earlier one", async () => {
  ok(await kernel.execute("let outer = 0;"));
  const runaway = kernel.execute("let spins = 0; while (true) { spins++; outer++; }");
  await sleep(500);
  await kernel.interrupt("message");
  expect((await runaway).reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  const spins = Number(await value("spins"));
  expect(spins).toBeGreaterThan(0);
  expect(Number(await value("outer"))).toBe(spins);
});

test("a throw in the middle of a top-level loop keeps the values it had reached; a name declared after it has none, with its reason", async () => {
  const thrown = await kernel.execute("let reached = 0;\nfor (; reached < 10; reached++) {\n  if (reached === 4) throw new Error('mid-loop');\n}\nconst later = 1;");
  expect(thrown.reply.content).toMatchObject({ status: "error", ename: "Error", evalue: "mid-loop" });
  expect((thrown.reply.content.traceback as string[]).join("\n")).toMatch(/In \[\d+\], line 3:/);
  expect(await value("reached")).toBe("4");
  expect((await kernel.execute("later")).reply.content).toMatchObject({ status: "error", ename: "ReferenceError", evalue: expect.stringMatching(/^later has no value: In \[\d+\] stopped before/) });
});

test("a traceback points at the cell's line inside a function whose variables stay on the scope", async () => {
  const thrown = await kernel.execute("let limit = 2;\nconst check = (n: number) => {\n  if (n > limit) throw new RangeError(`over ${limit}`);\n};\ncheck(3);");
  expect(thrown.reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "over 2" });
  expect((thrown.reply.content.traceback as string[]).join("\n")).toMatch(/In \[\d+\], line 3:\d+ +if \(n > limit\)/);
});

test("var, destructuring, shorthand properties, labels and the last expression, as before", async () => {
  ok(await kernel.execute("var total = 0; const { first, rest: [second] } = { first: 1, rest: [2] };\nouter: for (const a of [1, 2, 3]) { for (const b of [1, 2]) { if (a * b > 4) break outer; total += a * b; } }"));
  expect(await value("({ total, first, second })")).toBe("{ total: 12, first: 1, second: 2 }");
  expect(await value("_")).toBe("{ total: 12, first: 1, second: 2 }");
});

test("the notebook's variables of top-level code are listed by %who, completed, and read by a magic's --input", async () => {
  ok(await kernel.execute("let zetaCount = 0; for (let i = 0; i < 10; i++) zetaCount += i;"));
  expect(streamText(ok(await kernel.execute("%who")))).toContain("zetaCount");
  const completion = await kernel.request("shell", "complete_request", { code: "zetaC", cursor_pos: 5 });
  expect(completion.reply.content.matches).toContain("zetaCount");
  ok(await kernel.execute("%%sync --tasks 1 --repeat 1 --warmup 0 --quiet --input zetaCount\nif (task.input !== 45) throw new Error(`got ${task.input}`);"));
  expect(await value("$last.summary.tasksOk")).toBe("1");
});

test("a function that evaluates code of its own sees the variables of every later cell while that cell runs", async () => {
  ok(await kernel.execute("const peek = (name: string) => eval(`exports.${name}`);"));
  expect(await value("let during = 0; for (let i = 0; i < 3; i++) during += i; const seen = peek('during'); seen")).toBe("3");
});
