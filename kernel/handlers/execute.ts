/** execute_request: count, execute_input, run the cell, execute_result or error, reply. */
import type { Handler } from "../dispatch/dispatcher";
import { CellError } from "../execution/cell-error";
import { CellOutput, runInCell } from "../execution/cell-output";
import { routeCell } from "../execution/cell-router";
import { runCodeCell } from "../execution/code-cell";
import { mimeBundleOf, showsAsResult } from "../../common/mime-bundle";
import { runCellMagic } from "../execution/magic-bridge";
import { helpPage } from "./introspection";
import type { KernelServices } from "../kernel-services";
import type { JsonObject } from "../../protocol/messages";

interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  allow_stdin?: boolean;
  stop_on_error?: boolean;
}

type Outcome = { value?: unknown; hasValue: boolean; payload?: JsonObject[] };

async function runCode(kernel: KernelServices, code: string, output: CellOutput, label: string): Promise<Outcome> {
  const cell = routeCell(code);
  switch (cell.kind) {
    case "help":
      return { hasValue: false, payload: [{ source: "page", data: { "text/plain": helpPage(kernel, cell.target, cell.magic) }, start: 0 }] };
    case "cell-magic":
      return { hasValue: true, value: await runCellMagic(kernel, cell, output, label) };
    case "code":
      return runCodeCell(kernel, cell.segments, output, label);
  }
}

function asCellError(kernel: KernelServices, thrown: unknown): CellError {
  return thrown instanceof CellError ? thrown : kernel.executor.toCellError(thrown);
}

async function evaluateUserExpressions(kernel: KernelServices, expressions: Record<string, string>, output: CellOutput): Promise<JsonObject> {
  const results: JsonObject = {};
  for (const [name, expression] of Object.entries(expressions)) {
    try {
      const run = kernel.executor.compile(expression, `user_expressions.${name}`);
      const { value } = await runInCell(kernel.interrupts, output, run);
      results[name] = { status: "ok", data: mimeBundleOf(value), metadata: {} };
    } catch (e) {
      results[name] = { status: "error", ...asCellError(kernel, e).toContent() };
    }
  }
  return results;
}

export function executeHandler(kernel: KernelServices): Handler {
  return async (request) => {
    const content = request.content as unknown as ExecuteRequest;
    if (typeof content.code !== "string") throw new TypeError(`execute_request needs content.code as a string, got ${typeof content.code}`);
    const silent = content.silent === true;
    const storeHistory = !silent && content.store_history !== false;
    const output = new CellOutput(request, kernel.publisher, silent);
    const count = kernel.beginCell(output, storeHistory);
    if (!silent) kernel.publisher.publish(request, "execute_input", { code: content.code, execution_count: count });
    if (storeHistory) kernel.history.add(count, content.code);
    try {
      const outcome = await runCode(kernel, content.code, output, `In [${count}]`);
      output.flush();
      if (outcome.hasValue && showsAsResult(outcome.value) && !silent) {
        const data = mimeBundleOf(outcome.value);
        output.publish("execute_result", { execution_count: count, data, metadata: {} });
        kernel.executor.shownResults.record(outcome.value);
        if (storeHistory) kernel.history.setOutput(count, String(data["text/plain"] ?? ""));
      }
      const userExpressions = await evaluateUserExpressions(kernel, content.user_expressions ?? {}, output);
      return { status: "ok", execution_count: count, payload: outcome.payload ?? [], user_expressions: userExpressions };
    } catch (thrown) {
      const error = asCellError(kernel, thrown);
      output.publish("error", error.toContent());
      if (content.stop_on_error !== false) kernel.abortQueuedExecutions();
      return { status: "error", execution_count: count, ...error.toContent() };
    } finally {
      output.finish();
    }
  };
}
