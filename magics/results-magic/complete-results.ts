/** Completion on a `%results` line: its subcommands, then the names of the kept results that export, diff and compare take. */
import { keptNames, keptResults } from "./kept-results";
import { SUBCOMMANDS } from "./results-line-magic";

/** How many kept results each subcommand names, as the words right after it. */
const NAMES_TAKEN: Record<string, number> = { export: 1, diff: 2, compare: Number.POSITIVE_INFINITY };

/** `before` is the line after `%results` up to the cursor; `typed` is the word the matches replace. */
export function completeResults(before: string, scope: Record<string, unknown>): { matches: string[]; typed: string } {
  const words = before.trimStart().split(/\s+/);
  const typed = words[words.length - 1];
  const wordIndex = words.length - 1;
  if (wordIndex === 0) return { matches: SUBCOMMANDS.filter((s) => s.startsWith(typed)), typed };
  if (wordIndex > (NAMES_TAKEN[words[0]] ?? 0)) return { matches: [], typed };
  return { matches: keptNames(keptResults(scope)).filter((n) => n.startsWith(typed)), typed };
}
