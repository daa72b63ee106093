/**
 * The notebook's variables: properties of one object that every cell's code reads and writes as
 * `exports`, and what a cell that stopped early (an interrupt, an error) leaves of the ones it
 * declares.
 */

/**
 * The names a cell declares, as its CommonJS output resets them before its first statement:
 * `exports.b = exports.a = void 0;` (TypeScript writes one such line per 50 names).
 */
export function declaredNames(output: string): string[] {
  const names: string[] = [];
  const lines = output.split("\n");
  let line = lines.indexOf('Object.defineProperty(exports, "__esModule", { value: true });') + 1;
  while (line > 0 && /^(exports\.[^\s=]+ = )+void 0;$/.test(lines[line])) {
    for (const [, name] of lines[line].matchAll(/exports\.([^\s=]+) = /g)) names.push(name);
    line++;
  }
  return names;
}

export class NotebookScope {
  private readonly values: Record<string, unknown> = {};
  /** Per name, how often the running cell has written it. */
  private writes: Map<string, number> | undefined;
  /** The variables as the cells' code sees them. TypeScript emits `export` as defineProperty: keep them plain and rewritable. */
  readonly variables: Record<string, unknown> = new Proxy(this.values, {
    defineProperty: (_target, key, attributes) => key === "__esModule" || this.write(key, attributes.get ? attributes.get() : attributes.value),
  });

  private write(key: string | symbol, value: unknown): boolean {
    if (typeof key === "string") this.writes?.set(key, (this.writes.get(key) ?? 0) + 1);
    return Reflect.defineProperty(this.values, key, { value, writable: true, enumerable: true, configurable: true });
  }

  /**
   * Runs a cell's code, which declares `declared`. If it stops early, the names it had reached keep
   * their values (a declared name is written once by the reset, then by its declaration); the
   * others throw when read, saying why, until code writes them.
   * @param label how the cell is named, e.g. "In [3]"
   */
  async runCell<T>(declared: readonly string[], label: string, work: () => Promise<T>): Promise<T> {
    const writes = new Map<string, number>();
    this.writes = writes;
    try {
      return await work();
    } catch (thrown) {
      for (const name of declared) if ((writes.get(name) ?? 0) < 2) this.unset(name, `${name} has no value: ${label} stopped before it ran the declaration of ${name}`);
      throw thrown;
    } finally {
      if (this.writes === writes) this.writes = undefined;
    }
  }

  private unset(name: string, why: string): void {
    Object.defineProperty(this.values, name, {
      get: () => {
        throw new ReferenceError(why);
      },
      // An assignment (`exports.b = 1`) finds this accessor rather than the proxy's defineProperty.
      set: (value) => this.write(name, value),
      enumerable: false,
      configurable: true,
    });
  }
}
