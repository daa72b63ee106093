/**
 * `_` and `__`: the last and second-to-last values that cells showed as their result, as IPython
 * keeps them. They are declared `any` for the cells after. Once a cell declares `_` or `__` itself
 * (tslab then drops the kernel's declaration), the kernel leaves both alone, as IPython does.
 */

/** The notebook's variables and their declarations, as the executor holds them. */
interface Notebook {
  readonly scope: Record<string, unknown>;
  declarations: string;
}

const NAMES = ["_", "__"] as const;
const declaration = (name: string) => `declare let ${name}: any;`;
const declared = (declarations: string, name: string) => declarations.split("\n").includes(declaration(name));

export class ShownResults {
  private held: [unknown, unknown] = [undefined, undefined];
  private started = false;
  private userOwned = false;

  constructor(private readonly notebook: Notebook) {}

  /** The names the kernel declared and that no cell has declared since, which %who leaves out. */
  get names(): readonly string[] {
    return this.started ? NAMES.filter((name) => declared(this.notebook.declarations, name)) : [];
  }

  /** `value` was shown as a cell's result: it becomes `_`, and `_` becomes `__`. */
  record(value: unknown): void {
    const { scope } = this.notebook;
    this.userOwned ||= NAMES.some((name, i) => (this.started ? !declared(this.notebook.declarations, name) || scope[name] !== this.held[i] : name in scope));
    if (this.userOwned) return;
    this.held = [value, this.held[0]];
    NAMES.forEach((name, i) => (scope[name] = this.held[i]));
    if (!this.started) this.notebook.declarations += NAMES.map((name) => `${declaration(name)}\n`).join("");
    this.started = true;
  }
}
