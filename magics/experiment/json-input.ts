/** --input for a body another runtime runs (%%python): what JSON carries there, and what it cannot. */
import { UsageError } from "../framework/usage-error";

/**
 * Throws a UsageError naming the first part of `value` that JSON cannot carry as it is (a Map, a
 * function, NaN, undefined in an array...), where `path` names the value ("xs", then "xs[3].a").
 */
export function checkJsonInput(magic: string, path: string, value: unknown): void {
  const problem = notJson(value, path);
  if (problem) throw new UsageError(`%%${magic}: --input: ${problem.path} is ${problem.what}, which JSON cannot carry to Python; --input takes plain data (null, booleans, finite numbers, strings, arrays and plain objects of them)`);
}

function notJson(value: unknown, path: string): { path: string; what: string } | undefined {
  if (value === null || typeof value === "boolean" || typeof value === "string") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : { path, what: String(value) };
  if (typeof value !== "object") return { path, what: value === undefined ? "undefined" : `a ${typeof value}` };
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = notJson(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return { path, what: `a ${(value).constructor?.name ?? "class instance"}` };
  for (const [key, item] of Object.entries(value)) {
    const problem = notJson(item, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}
