/**
 * Tells V8 never to optimise some functions, with its %NeverOptimizeFunction intrinsic.
 *
 * Why: TypeScript's createProgram, createTypeChecker and createPrinter are each one huge closure
 * that tslab calls once per cell. After a few hundred cells V8 finds them hot and compiles them
 * with TurboFan on a background thread, 0.13–0.7 s of compiling each, whose compile memory then
 * stays in that thread's glibc malloc arena, about 29 MiB per arena, for the rest of the session
 * (npm run bench, the soak rows). Their bodies mostly create the inner functions, which are
 * optimised as usual, so leaving the outer ones unoptimised costs nothing measurable per cell.
 */
import { setFlagsFromString } from "node:v8";

type AnyFunction = (...args: never[]) => unknown;

/**
 * A function whose body may call V8 intrinsics (`%Name(...)`): --allow-natives-syntax is on only
 * while it compiles. Throws a SyntaxError when this V8 does not know an intrinsic the body calls.
 */
export function withIntrinsics<F extends AnyFunction>(parameter: string, body: string): F {
  const allowedAlready = process.execArgv.includes("--allow-natives-syntax");
  setFlagsFromString("--allow-natives-syntax");
  try {
    return new Function(parameter, body) as F;
  } finally {
    if (!allowedAlready) setFlagsFromString("--no-allow-natives-syntax");
  }
}

/** Marks each function; returns why it could not, if this V8 lacks the intrinsic. */
export function neverOptimize(functions: AnyFunction[]): string | undefined {
  let mark: (f: AnyFunction) => void;
  try {
    mark = withIntrinsics("f", "%NeverOptimizeFunction(f);");
  } catch (e) {
    return (e as Error).message;
  }
  for (const f of functions) mark(f);
  return undefined;
}
