/**
 * The notebook's variables: properties of one object that every cell's code reads and writes as
 * `exports` (and the magics and introspection read), and what a cell that stopped early (an
 * interrupt, an error) leaves of the ones it declares. A cell's variables that no function names
 * live on an object of its run while it runs (see cell-script.ts) and come back here when it ends.
 */

export class NotebookScope {
  /** A plain object: a proxy in front of it made every write of a cell's loop cost a trap call. */
  readonly variables: Record<string, unknown> = {};

  /**
   * TypeScript emits `Object.defineProperty(exports, name, { get })` for a named import and for
   * `__esModule`: the notebook keeps the value, plain and rewritable, and no `__esModule`.
   */
  readonly define = (target: object, key: string, attributes: PropertyDescriptor): object => {
    if (key !== "__esModule") (target as Record<string, unknown>)[key] = attributes.get ? attributes.get() : attributes.value;
    return target;
  };

  /** Whether the scope holds a value for `name` that reading gives without running code. */
  hasPlainValue(name: string): boolean {
    const descriptor = Object.getOwnPropertyDescriptor(this.variables, name);
    return descriptor !== undefined && "value" in descriptor;
  }

  /**
   * The object a run of a cell keeps `names` on (its `$$local`), holding the values the scope has
   * for them now. Its class is made per run, so its hidden class, and the representation V8 picks
   * for each field (a double kept unboxed, say), is the run's own.
   */
  cellValues(names: readonly string[]): Record<string, unknown> {
    const CellValues = class {};
    const values = new CellValues() as Record<string, unknown>;
    for (const name of names) if (this.hasPlainValue(name)) values[name] = this.variables[name];
    return values;
  }

  /** Copies a run's values to the scope: the values it reached, when it stopped early too. */
  writeBack(values: Record<string, unknown>): void {
    for (const name of Object.keys(values)) this.variables[name] = values[name];
  }

  /**
   * Runs a cell's code, which declares `declared`. Until code writes one of those, it reads
   * `undefined` (as the `exports.a = void 0` before a CommonJS module's first statement had it). If
   * the cell stops early, the names it had written keep their values; the others throw when read,
   * saying why, until code writes them.
   * @param label how the cell is named, e.g. "In [3]"
   */
  async runCell<T>(declared: readonly string[], label: string, work: () => Promise<T>): Promise<T> {
    const unwritten = new Set(declared);
    for (const name of declared) {
      Object.defineProperty(this.variables, name, {
        get: () => undefined,
        set: (value) => {
          unwritten.delete(name);
          this.assign(name, value);
        },
        enumerable: true,
        configurable: true,
      });
    }
    try {
      const result = await work();
      for (const name of unwritten) this.assign(name, undefined);
      return result;
    } catch (thrown) {
      for (const name of unwritten) this.unset(name, `${name} has no value: ${label} stopped before it ran the declaration of ${name}`);
      throw thrown;
    }
  }

  private assign(name: string, value: unknown): void {
    Object.defineProperty(this.variables, name, { value, writable: true, enumerable: true, configurable: true });
  }

  private unset(name: string, why: string): void {
    Object.defineProperty(this.variables, name, {
      get: () => {
        throw new ReferenceError(why);
      },
      // An assignment (`exports.b = 1`) finds this accessor.
      set: (value) => this.assign(name, value),
      enumerable: false,
      configurable: true,
    });
  }
}
