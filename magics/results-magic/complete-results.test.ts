import { fixtureExperiment } from "../../test/support/result-fixtures";
import { completeResults } from "./complete-results";

const first = fixtureExperiment({ model: "sync", name: "first" });
const second = fixtureExperiment({ model: "async", name: "second" });
const scope = { $results: { first, second }, $last: second, unrelated: 1 };

describe("completeResults", () => {
  it("completes the subcommand first", () => {
    expect(completeResults("", scope)).toEqual({ matches: ["export", "diff", "compare"], typed: "" });
    expect(completeResults(" ex", scope)).toEqual({ matches: ["export"], typed: "ex" });
  });

  it("then the kept results' names, as many as the subcommand takes", () => {
    expect(completeResults("export ", scope)).toEqual({ matches: ["first", "second", "$last"], typed: "" });
    expect(completeResults("diff first s", scope)).toEqual({ matches: ["second"], typed: "s" });
    expect(completeResults("diff first second ", scope).matches).toEqual([]);
    expect(completeResults("export first ", scope).matches).toEqual([]);
    expect(completeResults("nope ", scope).matches).toEqual([]);
  });

  it("has no names before anything is kept", () => {
    expect(completeResults("export ", {}).matches).toEqual([]);
  });
});
