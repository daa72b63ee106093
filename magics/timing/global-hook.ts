import { cellGlobal } from "../framework/cell-realm";

/**
 * A function the magic puts on the cells' global object for the cell it runs to call back, under
 * a registered symbol so no notebook name can collide; `code` is how the cell calls it.
 */
export class GlobalHook<F extends (...args: never[]) => unknown> {
  private readonly key: symbol;
  readonly code: string;

  constructor(name: string) {
    this.key = Symbol.for(name);
    this.code = `(globalThis as any)[Symbol.for(${JSON.stringify(name)})]`;
  }

  /** Installs `hook` while `work` runs. */
  async with<T>(hook: F, work: () => Promise<T>): Promise<T> {
    const global = cellGlobal() as unknown as Record<symbol, unknown>;
    global[this.key] = hook;
    try {
      return await work();
    } finally {
      delete global[this.key];
    }
  }
}
