/**
 * --sweep NAME=v1,v2,... or NAME=VARIABLE: the value as written, and its check against the magic it is
 * given to. With a VARIABLE (a notebook variable holding an array of numbers, e.g. counts computed from
 * the cores), the values are read when the cell runs, by checkSweep.
 */
import { UsageError } from "../framework/usage-error";
import { OptionSpecs, ValueRejected, ValueType, optionFlag } from "../framework/option-spec";

export interface Sweep {
  /** tasks, workers, concurrency, or the name of a number the body reads from task.input. */
  parameter: string;
  /** The values in order. For a sweep over `variable`, empty until checkSweep reads them from the notebook. */
  values: number[];
  /** NAME=VARIABLE: the notebook variable whose array holds the values. */
  variable?: string;
}

/** The options a sweep may set, and which magics take each. */
const SWEPT_OPTIONS: Record<string, string> = {
  tasks: "every task magic",
  workers: "%%threads, %%processes and %%compare (for threads, spawn and processes)",
  concurrency: "%%async and %%compare (for async)",
};

const SWEEP = /^([A-Za-z_$][\w$]*)=(.+)$/;
const VARIABLE = /^[A-Za-z_$][\w$]*$/;
const NUMBER = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const sweepValue: ValueType<Sweep> = {
  placeholder: "NAME=V,V,...",
  expected:
    `a name (${Object.keys(SWEPT_OPTIONS).join(", ")}, or a number the body reads as task.input), "=", then different numbers above 0 separated by commas, e.g. tasks=1,10,100, ` +
    "or the name of a notebook variable holding an array of them, e.g. workers=counts",
  parse(text) {
    const m = SWEEP.exec(text);
    if (!m) throw new ValueRejected();
    if (VARIABLE.test(m[2])) return { parameter: m[1], values: [], variable: m[2] };
    const words = m[2].split(",");
    if (!words.every((w) => NUMBER.test(w))) throw new ValueRejected();
    const values = words.map(Number);
    if (!values.every((v) => v > 0 && Number.isFinite(v)) || new Set(values).size !== values.length) throw new ValueRejected();
    return { parameter: m[1], values };
  },
};

/** Whether the sweep sets one of the magic's options (else it is a number for task.input). */
export function sweepsOption(sweep: Sweep): boolean {
  return Object.prototype.hasOwnProperty.call(SWEPT_OPTIONS, sweep.parameter);
}

/** What a value read from the notebook is, for an error message. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.slice(0, 8).map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(", ")}${value.length > 8 ? ", ..." : ""}]`;
  return value === null ? "null" : typeof value === "object" ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : `${typeof value} ${String(value)}`;
}

/** The values of a sweep over a notebook variable: an array of different numbers above 0, else a UsageError saying what it holds. */
function variableValues(magic: string, sweep: Sweep & { variable: string }, notebookScope: Record<string, unknown>): number[] {
  const shown = `--sweep ${sweep.parameter}=${sweep.variable}`;
  if (!(sweep.variable in notebookScope)) {
    throw new UsageError(`%%${magic}: ${shown}: there is no notebook variable ${sweep.variable}; define it in a cell above as an array of different numbers above 0, e.g. const ${sweep.variable} = [1, 2, 4]`);
  }
  const value = notebookScope[sweep.variable];
  const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number" && Number.isFinite(v) && v > 0) && new Set(value).size === value.length;
  if (!ok) {
    throw new UsageError(`%%${magic}: ${shown}: ${sweep.variable} is ${describe(value)}; --sweep NAME=VARIABLE takes a notebook variable holding an array of different numbers above 0, e.g. [1, 2, 4]`);
  }
  return [...(value as number[])];
}

/**
 * Checks a sweep against the magic given it: an option it sets must be one of the magic's, its
 * values that option's; a task.input name must not be taken by an option, --input or a notebook variable.
 * A sweep over a notebook variable gets its values here, read from the notebook as the cell runs.
 */
export function checkSweep(magic: string, sweep: Sweep, specs: OptionSpecs, inputNames: readonly string[], notebookScope: Record<string, unknown>): void {
  if (sweep.variable !== undefined) sweep.values = variableValues(magic, { ...sweep, variable: sweep.variable }, notebookScope);
  const { parameter } = sweep;
  const shown = sweep.variable !== undefined ? `--sweep ${parameter}=${sweep.variable} (${sweep.variable} = [${sweep.values.join(", ")}])` : `--sweep ${parameter}=${sweep.values.join(",")}`;
  const usage = (message: string) => new UsageError(`%%${magic}: ${shown}: ${message}. %%${magic}? lists its options`);
  if (sweepsOption(sweep)) {
    const spec = specs[parameter];
    if (!spec?.value) throw usage(`%%${magic} has no ${optionFlag(parameter)}; ${optionFlag(parameter)} is taken by ${SWEPT_OPTIONS[parameter]}`);
    for (const value of sweep.values) {
      try {
        spec.value.parse(String(value));
      } catch (e) {
        if (!(e instanceof ValueRejected)) throw e;
        throw usage(`${value} is not a value of ${optionFlag(parameter)}, which expects ${spec.value.placeholder}, ${spec.value.expected}`);
      }
    }
    return;
  }
  if (parameter in specs) {
    throw usage(`${optionFlag(parameter)} cannot be swept: of the options, only ${Object.keys(SWEPT_OPTIONS).join(", ")} can; any other NAME is a number for task.input, so pick a name that is not an option's`);
  }
  if (inputNames.includes(parameter)) throw usage(`${parameter} is also named by --input; the sweep hands its values to the body as task.input.${parameter}: drop it from --input`);
  if (parameter in notebookScope) {
    throw usage(`${parameter} is a notebook variable; the sweep hands its values to the body through task.input, so name the swept number something else`);
  }
}
