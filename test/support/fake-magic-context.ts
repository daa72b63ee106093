/** A MagicContext for tests, on the kernel's real TypeScript engine. */
import * as vm from "node:vm";
import { createTypeScriptEngine } from "../../kernel/engine/tslab-adapter";
import { TypeScriptEngine } from "../../common/typescript-engine";
import type { MagicContext } from "../../magics/framework/magic-context";

export interface FakeMagicContext extends MagicContext {
  readonly displayed: Record<string, unknown>[];
  readonly stdoutText: string[];
  readonly stderrText: string[];
  /** Runs a plain cell, e.g. to define notebook variables. */
  cell(code: string): Promise<unknown>;
  /** Interrupts, as the kernel's interrupt would. */
  interrupt(): void;
}

let engine: TypeScriptEngine | undefined;

/** One engine per test file: creating one takes about a second. */
export function sharedEngine(): TypeScriptEngine {
  return (engine ??= createTypeScriptEngine());
}

export function closeSharedEngine(): void {
  engine?.close();
  engine = undefined;
}

/**
 * Plain cells as tslab runs them: type-checked against the declarations of the cells before,
 * notebook variables kept on one `exports` object, the last expression's value returned.
 */
function plainCells(scope: Record<string, unknown>) {
  const state = { declarations: "" };
  const compile = (code: string): (() => Promise<unknown>) => {
    const conversion = sharedEngine().convert(state.declarations, code);
    if (conversion.diagnostics.length > 0) throw new Error(conversion.diagnostics.map((d) => `line ${d.start.line + 1}: ${d.messageText}`).join("\n"));
    return async () => {
      if (conversion.output) {
        const module = vm.runInThisContext(`(${conversion.hasToplevelAwait ? "async " : ""}function (exports, require) {\n${conversion.output}\n})`) as (e: object, r: NodeJS.Require) => unknown;
        await module(scope, require);
      }
      state.declarations = conversion.declOutput ?? "";
      const name = conversion.lastExpressionVar;
      if (!name || !(name in scope)) return undefined;
      const value = scope[name];
      delete scope[name];
      return value;
    };
  };
  const run = async (code: string): Promise<unknown> => compile(code)();
  return { state, compile, run };
}

export function fakeMagicContext(): FakeMagicContext {
  // Like the kernel's scope: `export` compiles to defineProperty; keep the variables plain and rewritable.
  const scope: Record<string, unknown> = new Proxy({}, {
    defineProperty: (target, key, attributes) => key === "__esModule" || Reflect.set(target, key, attributes.get ? attributes.get() : attributes.value),
  });
  const cells = plainCells(scope);
  const interrupts = new AbortController();
  const displayed: Record<string, unknown>[] = [];
  const stdoutText: string[] = [];
  const stderrText: string[] = [];
  return {
    notebookScope: scope,
    kernelVariables: ["$last", "$results"],
    get notebookDeclarations() {
      return cells.state.declarations;
    },
    engine: sharedEngine(),
    require,
    signal: interrupts.signal,
    display: (bundle) => void displayed.push(bundle),
    clientSession: "test-session",
    stdout: (text) => void stdoutText.push(text),
    stderr: (text) => void stderrText.push(text),
    compilePlainCell: cells.compile,
    notebookDirectory: process.cwd(),
    displayed,
    stdoutText,
    stderrText,
    cell: cells.run,
    interrupt: () => interrupts.abort(new Error("KeyboardInterrupt")),
  };
}
