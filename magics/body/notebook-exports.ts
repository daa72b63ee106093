/**
 * The `exports` a %%sync or %%async body runs with: `exports.NAME` reads and writes the notebook's
 * variables, except the names the body's module defines itself (its imports and the task
 * function), which stay out of the notebook.
 */
export function notebookExports(notebookScope: Record<string, unknown>, localNames: readonly string[]): object {
  const local: Record<string, unknown> = {};
  const isLocal = (key: string | symbol) => typeof key === "symbol" || key === "__esModule" || localNames.includes(key);
  return new Proxy(local, {
    get: (target, key) => (isLocal(key) ? Reflect.get(target, key) : Reflect.get(notebookScope, key)),
    set: (target, key, value) => (isLocal(key) ? Reflect.set(target, key, value) : Reflect.set(notebookScope, key, value)),
    defineProperty: (target, key, attributes) => Reflect.defineProperty(target, key, attributes),
    has: (target, key) => (isLocal(key) ? Reflect.has(target, key) : Reflect.has(notebookScope, key)),
  });
}
