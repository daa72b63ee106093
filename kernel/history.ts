/**
 * Input history across sessions, answered as IPython answers history_request: tail, range and
 * glob search with `unique` and `n`. Kept as JSON lines in the user's data folder.
 */
import { readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import * as path from "node:path";

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output?: string;
}

export interface HistoryQuery {
  hist_access_type?: "tail" | "range" | "search";
  output?: boolean;
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

export function defaultHistoryFile(): string {
  const dataHome = process.env.XDG_DATA_HOME || path.join(homedir(), ".local", "share");
  return path.join(dataHome, "conclab", "history.jsonl");
}

/** A glob as SQLite's GLOB reads it (IPython's search): * any run, ? one character, [..] a class; case-sensitive. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        const body = pattern.slice(i + 1, end);
        source += `[${body.startsWith("^") ? "^" + body.slice(1) : body}]`.replace(/\\/g, "\\\\");
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export class History {
  private readonly earlier: HistoryEntry[];
  private readonly current: HistoryEntry[] = [];
  private writes: Promise<void> = Promise.resolve();
  readonly session: number;

  constructor(private file: string | null = defaultHistoryFile()) {
    this.earlier = file ? readEntries(file) : [];
    this.session = this.earlier.reduce((max, e) => Math.max(max, e.session), 0) + 1;
  }

  add(line: number, input: string): void {
    const entry = { session: this.session, line, input };
    this.current.push(entry);
    if (!this.file) return;
    const file = this.file;
    // Written in order, off the cell's path; a data folder that cannot be written keeps history in memory.
    this.writes = this.writes
      .then(() => mkdir(path.dirname(file), { recursive: true }))
      .then(() => appendFile(file, JSON.stringify(entry) + "\n"))
      .catch(() => {
        this.file = null;
      });
  }

  setOutput(line: number, output: string): void {
    const entry = this.current.find((e) => e.line === line);
    if (entry) entry.output = output;
  }

  query(q: HistoryQuery): Array<[number, number, string | [string, string | null]]> {
    const all = [...this.earlier, ...this.current];
    let found: HistoryEntry[];
    switch (q.hist_access_type ?? "tail") {
      case "tail":
        found = q.n == null ? all : all.slice(-Math.max(0, q.n));
        break;
      case "range": {
        const session = (q.session ?? 0) <= 0 ? this.session + (q.session ?? 0) : q.session!;
        const start = q.start ?? 1;
        found = all.filter((e) => e.session === session && e.line >= start && (q.stop == null || e.line < q.stop));
        break;
      }
      case "search": {
        const pattern = globToRegExp(q.pattern ?? "*");
        found = all.filter((e) => pattern.test(e.input));
        if (q.unique) {
          const seen = new Set<string>();
          found = found.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input)).reverse();
        }
        if (q.n != null) found = found.slice(-q.n);
        break;
      }
      default:
        throw new Error(`hist_access_type must be "tail", "range" or "search", got ${JSON.stringify(q.hist_access_type)}`);
    }
    return found.map((e) => [e.session, e.line, q.output ? [e.input, e.output ?? null] : e.input]);
  }
}

function readEntries(file: string): HistoryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").flatMap((line) => {
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      return typeof entry.session === "number" && typeof entry.input === "string" ? [entry] : [];
    } catch {
      return [];
    }
  });
}
