/** Options are declared once per magic; the parser, the help text and completion all read these declarations. */
import { notebookVariables } from "./notebook-variables";

/** How one option's value is read: what it looks like, what is expected, and the parse itself. */
export interface ValueType<T> {
  /** The value's name in help and errors, e.g. "W". */
  placeholder: string;
  /** What is expected, e.g. "an integer from 1 to 256"; used in help and in every error. */
  expected: string;
  /** Why the limits are what they are, said when a value is out of range. */
  limitReason?: string;
  /** Returns the value, or throws ValueRejected saying what is wrong with `text`. */
  parse(text: string): T;
  /** Suggestions for completion after the option: fixed words, or names the notebook's variables hold. */
  suggest?(notebookScope: Record<string, unknown>): string[];
}

/** Thrown by ValueType.parse; the parser turns it into a UsageError naming the option. */
export class ValueRejected extends Error {
  constructor(readonly outOfRange = false) {
    super("value rejected");
  }
}

export interface OptionSpec<T> {
  help: string;
  /** A one-letter alias, e.g. "n" for -n. */
  short?: string;
  /** Absent for a flag (true when given). With `many`, the type of each word. */
  value?: ValueType<unknown>;
  /** Takes several words: `--input a b c` (also `--input a --input b`). */
  many?: boolean;
  default: T;
  /** How the default is shown in help when it is not a plain value, e.g. "the number of cores". */
  defaultText?: string;
  /** Not an option but a word of the line, e.g. FILE: required, and named by its value's placeholder. */
  positional?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

export type ParsedOptions<S extends OptionSpecs> = { -readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

/** `maxMemory` is written --max-memory. */
export function optionFlag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function flag(help: string): OptionSpec<boolean> {
  return { help, default: false };
}

export function option<T>(value: ValueType<T>, help: string, defaults: { default: T; defaultText?: string; short?: string }): OptionSpec<T> {
  return { help, value, ...defaults };
}

export function optionalOption<T>(value: ValueType<T>, help: string, extra: { defaultText?: string; short?: string } = {}): OptionSpec<T | undefined> {
  return { help, value, default: undefined, ...extra };
}

/** `--input a b c`, `--input a --input b`. */
export function manyOption<T>(value: ValueType<T>, help: string): OptionSpec<T[]> {
  return { help, value, many: true, default: [] };
}

/** A required word of the line that is not an option, e.g. `%%writefile FILE`. */
export function argument<T>(value: ValueType<T>, help: string): OptionSpec<T> {
  // Never read: the parser refuses a line without the word.
  return { help, value, positional: true, default: undefined as never };
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function formatLimit(n: number): string {
  return n.toLocaleString("en-US");
}

export function integer(placeholder: string, min: number, max: number, limitReason?: string): ValueType<number> {
  return {
    placeholder,
    expected: `an integer from ${formatLimit(min)} to ${formatLimit(max)}`,
    limitReason,
    parse(text) {
      if (!INTEGER.test(text.replace(/_/g, ""))) throw new ValueRejected();
      const n = Number(text.replace(/_/g, ""));
      if (n < min || n > max) throw new ValueRejected(true);
      return n;
    },
  };
}

export function positiveNumber(placeholder: string, unit: string, max: number): ValueType<number> {
  return {
    placeholder,
    expected: `a number of ${unit} above 0 and at most ${formatLimit(max)}`,
    parse(text) {
      if (!NUMBER.test(text)) throw new ValueRejected();
      const n = Number(text);
      if (!(n > 0) || n > max) throw new ValueRejected(true);
      return n;
    },
  };
}

/** Any word, e.g. a path (quote it when it has spaces). */
export function word(placeholder: string, expected: string): ValueType<string> {
  return {
    placeholder,
    expected,
    parse(text) {
      if (text === "") throw new ValueRejected();
      return text;
    },
  };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function identifier(placeholder: string): ValueType<string> {
  return {
    placeholder,
    expected: "a variable name (letters, digits, _ or $, not starting with a digit)",
    parse(text) {
      if (!IDENTIFIER.test(text)) throw new ValueRejected();
      return text;
    },
  };
}

/** The name of a notebook variable: an identifier, completed from the notebook's variables. */
export function notebookVariable(placeholder: string): ValueType<string> {
  return { ...identifier(placeholder), suggest: notebookVariables };
}

/** One of a few words, or `prefix=K` for the words that take a number (e.g. chunk=64). */
export function choice<T>(placeholder: string, words: Record<string, T>, numbered: Record<string, { min: number; max: number; make(k: number): T }> = {}): ValueType<T> {
  const shown = [...Object.keys(words), ...Object.keys(numbered).map((w) => `${w}=K`)];
  const numberedHelp = Object.entries(numbered).map(([w, r]) => ` (${w}=K: K from ${formatLimit(r.min)} to ${formatLimit(r.max)})`).join("");
  return {
    placeholder,
    expected: `one of ${shown.join(", ")}${numberedHelp}`,
    suggest: () => [...Object.keys(words), ...Object.keys(numbered).map((w) => `${w}=`)],
    parse(text) {
      if (Object.prototype.hasOwnProperty.call(words, text)) return words[text];
      const [word, k] = text.split("=", 2);
      const range = Object.prototype.hasOwnProperty.call(numbered, word) ? numbered[word] : undefined;
      if (!range || k === undefined || !INTEGER.test(k)) throw new ValueRejected();
      const n = Number(k);
      if (n < range.min || n > range.max) throw new ValueRejected(true);
      return range.make(n);
    },
  };
}
