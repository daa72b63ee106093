/**
 * The module a task body is type-checked as: the inside of `async function (task: TaskContext<Input>)`,
 * with its leading imports hoisted to the module's top. The checker compiles it; completion and
 * inspection in the body ask about it.
 */
import * as path from "node:path";
import { TASK_FUNCTION } from "./load-task-body";
import { WrappedBody, wrapBody } from "./wrap-body";

/** The callback a compiled body calls as it returns or throws. */
export const BODY_ENDED = "conclabBodyEnded";

/**
 * The file that declares TaskContext globally as TASK_CONTEXT_ALIAS, which every cell program
 * includes: task-context-global.ts from source, its .d.ts from dist.
 */
export const TASK_CONTEXT_GLOBALS = path.resolve(__dirname, "..", "tasks", `task-context-global${path.extname(__filename) === ".ts" ? ".ts" : ".d.ts"}`);

/** The global name of TaskContext, apart from any TaskContext of the notebook's. */
const TASK_CONTEXT_ALIAS = "ConclabTaskContext";

export interface TaskBodySource {
  magic: string;
  body: string;
  /** The notebook's declarations: the body may name notebook types, and --input values are typed from them. */
  notebookDeclarations: string;
  inputNames: readonly string[];
  /** Where the body runs when it cannot see notebook variables (e.g. "in another thread"); undefined on the main thread. */
  isolatedWhere?: string;
}

export function taskModule(source: TaskBodySource): WrappedBody {
  return wrapBody(
    source.body,
    (imports) =>
      imports +
      `type ConclabTaskInput = ${inputTypeOf(source.inputNames)}; const ${TASK_FUNCTION} = async function (task: ${TASK_CONTEXT_ALIAS}<ConclabTaskInput>, ${BODY_ENDED}: () => void) { try {`,
    // The end of a task is taken here, in the body's own frame, when it returns or throws: not when a scheduler gets round to noticing.
    `\n} finally { ${BODY_ENDED}(); } };`,
  );
}

/** TypeScript's text about the module (a message, a signature) in the body's own terms: TaskContext, as the body's author knows it. */
export function inBodyTerms(text: string): string {
  return text.replaceAll(TASK_CONTEXT_ALIAS, "TaskContext");
}

function inputTypeOf(names: readonly string[]): string {
  if (names.length === 0) return "undefined";
  if (names.length === 1) return `typeof ${names[0]}`;
  return `{ ${names.map((n) => `${n}: typeof ${n}`).join("; ")} }`;
}
