import { closeSharedEngine, sharedEngine } from "../../test/support/fake-magic-context";
import { UsageError } from "../framework/usage-error";
import { BodyTypeError } from "./body-type-error";
import { CompiledTaskBody, compileTaskBody } from "./compile-task-body";
import { TaskBodySource, taskModule } from "./task-module";
import { loadTaskBody } from "./load-task-body";

afterAll(closeSharedEngine);

const NOTEBOOK = "declare const data: number[];\ndeclare let label: string;\n";

function compile(body: string, extra: Partial<TaskBodySource> = {}): CompiledTaskBody {
  return compileTaskBody({ magic: "sync", body, notebookDeclarations: NOTEBOOK, inputNames: [], ...extra }, sharedEngine());
}

function typeError(body: string, extra: Partial<TaskBodySource> = {}): BodyTypeError {
  try {
    compile(body, extra);
  } catch (e) {
    expect(e).toBeInstanceOf(BodyTypeError);
    return e as BodyTypeError;
  }
  throw new Error("expected a BodyTypeError");
}

describe("compileTaskBody", () => {
  it("hoists leading imports out of the task function, and the body can use them", async () => {
    const compiled = compile(`import * as path from "node:path";\nimport { join } from "node:path";\nreturn path.basename(join("/a", "b" + task.index));`);
    const body = loadTaskBody(compiled.js, {}, require);
    await expect(body({ index: 7 } as never, () => undefined)).resolves.toBe("b7");
    expect(compiled.localNames).toEqual(expect.arrayContaining(["conclabTaskBody", "path", "join"]));
  });

  it("says in the body's own frame when it returns or throws, before its promise settles for anyone else", async () => {
    const compiled = compile(`if (task.index === 1) throw new Error("no");\nreturn task.index;`);
    const body = loadTaskBody(compiled.js, {}, require);
    const ended: number[] = [];
    const returned = body({ index: 0 } as never, () => ended.push(0));
    const threw = body({ index: 1 } as never, () => ended.push(1));
    // Both bodies ran to their end synchronously: the callback came before any promise callback could.
    expect(ended).toEqual([0, 1]);
    await expect(returned).resolves.toBe(0);
    await expect(threw).rejects.toThrow("no");
  });

  it("type-checks the body against TaskContext: known members pass, others fail at their cell line", () => {
    expect(() => compile(`await task.sleep(1); task.spin(1); return [task.index, task.count, task.threadId, task.pid, task.signal.aborted, task.server.url];`)).not.toThrow();
    const e = typeError(`const n: number = task.index;\nreturn task.nope;`);
    expect(e.name).toBe("TypeScriptError");
    expect(e.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 13, code: 2339 })]);
    expect(e.message).toMatch(/1 type error in the %%sync body:\ncell line 3:13 - error TS2339: Property 'nope' does not exist on type 'TaskContext<undefined>'/);
    expect(e.message).toContain("  return task.nope;\n              ^");
  });

  it("types task as conclab's TaskContext, declared globally, even where the notebook has a TaskContext of its own; the module imports nothing the body does not", () => {
    const notebook = `${NOTEBOOK}interface TaskContext { mine: true }\ndeclare const ctx: TaskContext;\n`;
    expect(() => compile(`return [task.index, ctx.mine];`, { notebookDeclarations: notebook })).not.toThrow();
    expect(typeError(`return task.mine;`, { notebookDeclarations: notebook }).message).toContain("Property 'mine' does not exist on type 'TaskContext<undefined>'");
    // A plain cell imports nothing either: TypeScript then reuses the last program's structure between the two.
    expect(taskModule({ magic: "sync", body: "return 1;", notebookDeclarations: "", inputNames: [] }).source).not.toMatch(/\bimport\b/);
  });

  it("puts errors on the first line and in imports at the right cell position", () => {
    expect(typeError(`return task.nope;`).diagnostics[0]).toMatchObject({ line: 2, column: 13 });
    expect(typeError(`import { nothing } from "node:path";\nreturn 1;`).diagnostics[0]).toMatchObject({ line: 2, column: 1, code: 2305 });
  });

  it("types task.input from the notebook variables named by --input", () => {
    expect(() => compile(`return task.input.map((x) => x * 2);`, { inputNames: ["data"] })).not.toThrow();
    expect(typeError(`return task.input.toUpperCase();`, { inputNames: ["data"] }).message).toMatch(/toUpperCase' does not exist on type 'number\[\]'/);
    expect(() => compile(`return task.input.data.length + task.input.label.length;`, { inputNames: ["data", "label"] })).not.toThrow();
  });

  it("lets a main-thread body read and write notebook variables through exports", async () => {
    const compiled = compile(`label = "seen " + data.length;\nreturn data[task.index];`);
    const scope: Record<string, unknown> = { data: [5, 6], label: "" };
    const body = loadTaskBody(compiled.js, scope, require);
    await expect(body({ index: 1 } as never, () => undefined)).resolves.toBe(6);
    expect(scope.label).toBe("seen 2");
  });

  it("rejects a body that reads a notebook variable where it cannot see it, suggesting --input", () => {
    const run = () => compile(`const total = 1;\nreturn total + data.length;`, { magic: "threads", isolatedWhere: "in a worker thread" });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/%%threads: the body reads the notebook variable data at cell line 3:16, but a %%threads body runs in a worker thread and cannot see notebook variables. Copy it in with --input data and read task.input/);
  });

  it("lets an isolated body use notebook types, its own names and its imports", () => {
    expect(() =>
      compile(`import * as os from "node:os";\nconst data = [os.cpus().length];\nreturn data.length;`, { magic: "threads", isolatedWhere: "in a worker thread" }),
    ).not.toThrow();
  });
});
