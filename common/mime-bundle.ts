/** MIME bundles: what a value shows as in Jupyter (its own Jupyter.display method, else util.inspect). */
import { inspect } from "node:util";

/** One output's data keyed by MIME type, as Jupyter messages and nbformat carry it. */
export type MimeBundle = Record<string, unknown>;

/** The key Jupyter kernels (tslab, conclab) look for: a method returning the value's MIME bundle. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
/** Marks a value that is not shown as a cell's result (a display handle: its output is already shown). */
export const NO_RESULT = Symbol.for("conclab.no-result");

export function showsAsResult(value: unknown): boolean {
  return value !== undefined && !(value !== null && typeof value === "object" && NO_RESULT in value);
}

export function mimeBundleOf(value: unknown): MimeBundle {
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const own = (value as { [JUPYTER_DISPLAY]?: () => MimeBundle })[JUPYTER_DISPLAY];
    if (typeof own === "function") {
      const bundle = own.call(value);
      if (bundle && typeof bundle === "object") return { "text/plain": inspect(value), ...bundle };
    }
  }
  return { "text/plain": typeof value === "string" ? inspect(value) : inspect(value, { depth: 4, maxArrayLength: 200, maxStringLength: 10_000 }) };
}

/** Gives plain data a display without changing what JSON.stringify or Object.keys see. */
export function attachDisplay<T extends object>(value: T, display: (value: T) => MimeBundle): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, { value: () => display(value), enumerable: false, configurable: true });
  return value;
}
