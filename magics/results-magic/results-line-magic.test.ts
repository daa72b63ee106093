import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixtureComparison, fixtureExperiment, fixtureSweep } from "../../test/support/result-fixtures";
import { UsageError } from "../framework/usage-error";
import { resultsLineMagic } from "./results-line-magic";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "conclab-results-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const first = fixtureExperiment({ model: "sync", name: "first", runs: 3 });
const second = fixtureExperiment({ model: "async", name: "second", runs: 2 });
const sweep = fixtureSweep("tasks", [1, 10], () => fixtureComparison([fixtureExperiment({ model: "sync" }), fixtureExperiment({ model: "threads" })]));
const scope = (): Record<string, unknown> => ({ $results: { first, second }, $last: second, unrelated: 1 });

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("%results", () => {
  test("with nothing kept, says how to keep a result", () => {
    expect(resultsLineMagic("", {}, folder)["text/plain"]).toMatch(/no results kept yet.*--name NAME/);
  });

  test("a row per named result, marking the one that is also $last; text and HTML", () => {
    const bundle = resultsLineMagic("", scope(), folder);
    const lines = bundle["text/plain"].split("\n");
    expect(lines[0]).toBe("kept results: 2");
    expect(lines[1]).toMatch(/^name\s+kind\s+magic line\s+tasks\s+median wall\s+started\s+machine$/);
    expect(lines[2]).toMatch(/^\$results\.first\s+sync\s+%%sync --tasks 4 --repeat 3\s+4\s+100 ms\s+2026-01-01 00:00:00 UTC\s+4 cores, Fixture CPU, Node 20\.0\.0$/);
    expect(lines[3]).toMatch(/^\$results\.second \(\$last\)\s+async/);
    expect(bundle["text/plain"]).toContain("all on the same machine: Fixture CPU");
    expect(bundle["text/html"]).toContain("<td>$results.second ($last)</td>");
  });

  test("an unnamed $last gets its own row; a sweep of comparisons shows its shape and its range of wall times", () => {
    const text = resultsLineMagic("", { $results: { first }, $last: sweep }, folder)["text/plain"];
    expect(text).toMatch(/\n\$last\s+sweep tasks=1,10: compare sync, threads\s+%%sync --sweep tasks=1,10\s+4\s+100 ms to 100 ms/);
  });

  test("results from several machines are said to be", () => {
    const elsewhere = { ...first, machine: { ...first.machine, cores: 64 } };
    expect(resultsLineMagic("", { $results: { first, elsewhere } }, folder)["text/plain"]).toContain("these results come from 2 different machines");
  });
});

describe("%results export", () => {
  test("--json writes the full result, relative to the notebook folder, and says where and how big", () => {
    const said = resultsLineMagic("export first --json first.json", scope(), folder)["text/plain"];
    const file = path.join(folder, "first.json");
    expect(said).toMatch(new RegExp(`^wrote \\$results\\.first to ${file} \\(JSON, the full result, [\\d.]+ KiB\\)$`));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(first)));
  });

  test("--csv writes a header and one row per measured run; last, $last and $results.NAME name results too (the latest by its name)", () => {
    const file = path.join(folder, "runs.csv");
    const said = resultsLineMagic(`export last --csv ${file}`, scope(), folder)["text/plain"];
    expect(said).toContain("a row for each of 2 measured runs of 1 experiment");
    const lines = readFileSync(file, "utf8").split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0].split(",").slice(0, 8)).toEqual(["parameter", "value", "model", "tasks", "options", "state", "run", "wall_ms"]);
    expect(lines[3]).toBe("");
    expect(resultsLineMagic(`export $last --csv ${file}`, scope(), folder)["text/plain"]).toContain("wrote $results.second");
    expect(resultsLineMagic(`export $results.first --csv ${file}`, scope(), folder)["text/plain"]).toContain("wrote $results.first");
  });

  test("an existing file is replaced, and the message says so; quoted paths with spaces work", () => {
    writeFileSync(path.join(folder, "my runs.csv"), "old");
    const said = resultsLineMagic(`export first --csv "my runs.csv"`, scope(), folder)["text/plain"];
    expect(said).toContain("it replaced the file that was there");
    expect(readFileSync(path.join(folder, "my runs.csv"), "utf8")).toMatch(/^parameter,/);
  });

  test("usage errors name what to fix", () => {
    expect(usageMessage(() => resultsLineMagic("export nope --csv x.csv", scope(), folder))).toMatch(/no kept result named "nope"; the kept results are: first, second, \$last/);
    expect(usageMessage(() => resultsLineMagic("export first", scope(), folder))).toMatch(/say the format and the file: --csv FILE, --json FILE or --trace FILE/);
    expect(usageMessage(() => resultsLineMagic("export first --csv a.csv --json a.json", scope(), folder))).toMatch(/give one of --csv, --json and --trace, not --csv and --json \(one format per file\)/);
    expect(usageMessage(() => resultsLineMagic("export first --csv", scope(), folder))).toMatch(/--csv needs FILE after it/);
    expect(usageMessage(() => resultsLineMagic("export first --csv --json x", scope(), folder))).toMatch(/--csv needs FILE after it/);
    expect(usageMessage(() => resultsLineMagic("export first --csv=", scope(), folder))).toMatch(/--csv needs FILE after it, got an empty word/);
    expect(usageMessage(() => resultsLineMagic("export --csv x.csv", scope(), folder))).toMatch(/say which result to export/);
    expect(usageMessage(() => resultsLineMagic("export first --xml x.xml", scope(), folder))).toMatch(/there is no option --xml \(the options are --csv FILE, --json FILE, --trace FILE\)/);
    expect(usageMessage(() => resultsLineMagic("export first --csv none/x.csv", scope(), folder))).toContain(`the folder ${path.join(folder, "none")} does not exist: create it first`);
    mkdirSync(path.join(folder, "dir"));
    expect(usageMessage(() => resultsLineMagic("export first --csv dir", scope(), folder))).toMatch(/dir is a folder; give a file name/);
  });

  if (process.getuid?.() !== 0) {
    test("a folder without write permission is named", () => {
      const locked = path.join(folder, "locked");
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(usageMessage(() => resultsLineMagic("export first --json locked/x.json", scope(), folder))).toMatch(/cannot write .*locked\/x\.json \(EACCES: no permission to write there\)/);
      chmodSync(locked, 0o700);
    });
  }
});

describe("%results diff", () => {
  test("two kept results side by side", () => {
    const bundle = resultsLineMagic("diff first last", scope(), folder);
    expect(bundle["text/plain"]).toMatch(/^%results diff \$results\.first \$results\.second: A: median of 3 runs, B: median of 2 runs/);
    expect(bundle["text/html"]).toContain("<table>");
  });

  test("needs two names that exist", () => {
    expect(usageMessage(() => resultsLineMagic("diff first", scope(), folder))).toMatch(/takes two kept results, A and B, got first/);
    expect(usageMessage(() => resultsLineMagic("diff first third", scope(), folder))).toMatch(/no kept result named "third"/);
    expect(usageMessage(() => resultsLineMagic("diff first second --all", scope(), folder))).toMatch(/no option --all \(it takes no options\)/);
  });
});

test("an unknown subcommand suggests the nearest", () => {
  expect(usageMessage(() => resultsLineMagic("exprot first", scope(), folder))).toMatch(/no subcommand "exprot" \(did you mean export\?\)/);
});
