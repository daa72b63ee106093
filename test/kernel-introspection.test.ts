/** Completion, inspection and is_complete in magic cells, over real zeromq sockets. */
import { KernelClient } from "../client/kernel-client";
import { startKernel } from "./kernel-harness";

interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
  for (const cell of ["const samples = [3, 1, 2];", "%%sync --tasks 2 --repeat 1 --name spun --quiet\nreturn task.index;"]) {
    const { reply } = await kernel.execute(cell);
    expect(reply.content.status).toBe("ok");
  }
});
afterAll(async () => kernel?.shutdown());

/** The cursor at the end of `code` unless given, counted in code points as Jupyter counts it. */
async function complete(code: string, cursor = [...code].length): Promise<CompleteReply> {
  return (await kernel.request("shell", "complete_request", { code, cursor_pos: cursor })).reply.content as unknown as CompleteReply;
}

async function inspectText(code: string, cursor = [...code].length): Promise<string | undefined> {
  const { content } = (await kernel.request("shell", "inspect_request", { code, cursor_pos: cursor, detail_level: 0 })).reply;
  return content.found ? (content.data as Record<string, string>)["text/plain"] : undefined;
}

test("a body completes to TaskContext's members, with cursor_start and cursor_end in the cell's code points", async () => {
  const members = await complete("%%threads --workers 2\ntask.");
  expect(members.matches).toEqual(expect.arrayContaining(["spin", "sleep", "index", "input", "count", "signal"]));
  expect(members).toMatchObject({ cursor_start: 27, cursor_end: 27 });
  const code = "%%threads --workers 2\n// 🧵 one thread per worker\ntask.sp";
  const typed = await complete(code);
  expect(typed.matches).toEqual(["spin"]);
  expect(typed).toMatchObject({ cursor_start: [...code].length - 2, cursor_end: [...code].length });
});

test("inspecting task.spin in a body gives its signature and documentation, and task is a TaskContext", async () => {
  const code = "%%threads --workers 2\ntask.spin(5);";
  const spin = await inspectText(code, code.indexOf("("));
  expect(spin).toContain("spin(ms: number): void");
  expect(spin).toContain("busy loop");
  expect(await inspectText(code, code.indexOf("."))).toBe("(parameter) task: TaskContext<undefined>");
});

test("a %%sync body completes a notebook variable of an earlier cell; a %%threads body, which cannot read it, does not", async () => {
  expect((await complete("%%sync --tasks 2\nreturn samp")).matches).toEqual(["samples"]);
  expect((await complete("%%time\nsamp")).matches).toEqual(["samples"]);
  expect((await complete("%%threads\nreturn samp")).matches).not.toContain("samples");
  expect((await complete("%%threads --input samples\ntask.input.")).matches).toContain("length");
});

test("$last and $results complete to the kept result's fields and names, in a plain cell and in a body", async () => {
  for (const code of ["$last.", "%%sync\nconst before = $last."]) expect((await complete(code)).matches).toEqual(expect.arrayContaining(["runs", "summary", "magicLine"]));
  expect((await complete("$results.")).matches).toEqual(["spun"]);
  expect((await complete("%%async\nreturn $results.")).matches).toEqual(["spun"]);
});

test("on the magic line, --input completes the notebook's variables and options the magic's own not yet given", async () => {
  const input = await complete("%%threads --input ");
  expect(input.matches).toContain("samples");
  expect(input.matches).not.toContain("process");
  expect(input.matches).not.toContain("Array");
  const options = await complete("%%threads --workers 2 --");
  expect(options.matches).toEqual(expect.arrayContaining(["--input", "--tasks", "--spawn"]));
  expect(options.matches).not.toContain("--workers");
  expect(options).toMatchObject({ cursor_start: 22, cursor_end: 24 });
});

test("%results export completes the kept results' names", async () => {
  expect(await complete("%results export ")).toEqual({ matches: ["spun", "$last"], cursor_start: 16, cursor_end: 16, metadata: {}, status: "ok" });
  expect((await complete("%results ")).matches).toEqual(["export", "diff", "compare"]);
});

test("is_complete: a cell magic's line waits for its body, and the body then decides; a line magic stands alone", async () => {
  const codes = ["%%threads --workers 2", "%%threads\nreturn 1;", "%%sync\nif (x) {", "%results"];
  const replies = await Promise.all(codes.map((code) => kernel.request("shell", "is_complete_request", { code })));
  expect(replies.map((r) => r.reply.content.status)).toEqual(["incomplete", "complete", "incomplete", "complete"]);
  expect(replies[0].reply.content.indent).toBe("");
});

test("a %%python body is no TypeScript: no completion, no inspection, and is_complete does not parse it as TypeScript", async () => {
  await kernel.execute("const pyVisible = 1;");
  const code = "%%python --model threads\nx = {\npy";
  expect((await complete(code)).matches).toEqual([]);
  expect(await inspectText("%%python\nprint(pyVisible)", "%%python\nprint(pyV".length)).toBeUndefined();
  expect((await kernel.request("shell", "is_complete_request", { code })).reply.content.status).toBe("complete");
});
