/**
 * Tells V8 never to optimise some functions, with its %NeverOptimizeFunction intrinsic.
 *
 * Why: TypeScript's createProgram and createTypeChecker are each one huge closure that tslab calls
 * once per cell. After a few dozen cells V8 calls them hot and compiles them with TurboFan on a
 * background thread: 0.5–0.7 s of compiling each, whose compile memory then stays in that thread's
 * glibc malloc arena, about 29 MiB per arena, for the rest of the session (npm run bench, the soak
 * rows). Their bodies mostly create the inner functions, which are optimised as usual, so leaving
 * the outer ones unoptimised costs nothing measurable per cell.
 */
import { setFlagsFromString } from "node:v8";

type AnyFunction = (...args: never[]) => unknown;

/** Marks each function; returns why it could not, if this V8 lacks the intrinsic. */
export function neverOptimize(functions: AnyFunction[]): string | undefined {
  let mark: (f: AnyFunction) => void;
  const allowedAlready = process.execArgv.includes("--allow-natives-syntax");
  setFlagsFromString("--allow-natives-syntax");
  try {
    mark = new Function("f", "%NeverOptimizeFunction(f);") as typeof mark;
  } catch (e) {
    return (e as Error).message;
  } finally {
    if (!allowedAlready) setFlagsFromString("--no-allow-natives-syntax");
  }
  for (const f of functions) mark(f);
  return undefined;
}
