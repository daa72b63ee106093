import { JUPYTER_DISPLAY } from "../../kernel/execution/format-value";

/** The key Jupyter kernels (tslab, conclab) look for: a method returning the value's MIME bundle. */
export { JUPYTER_DISPLAY };

/** Gives plain data a display without changing what JSON.stringify or Object.keys see. */
export function attachDisplay<T extends object>(value: T, display: (value: T) => Record<string, unknown>): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, { value: () => display(value), enumerable: false, configurable: true });
  return value;
}
