import { flag, integer, option } from "./option-spec";
import { splitLeadingOptions } from "./split-leading-options";

const timeitLike = {
  loops: { ...option(integer("N", 1, 1000), "loops", { default: 1 }), short: "n" },
  runs: { ...option(integer("R", 1, 1000), "runs", { default: 7 }), short: "r" },
  output: { ...flag("return it"), short: "o" },
};

test("options and their values first, then the statement as typed", () => {
  expect(splitLeadingOptions(timeitLike, "-n 5 -r 3 [3, 1].sort((a, b) => a - b)")).toEqual({ argLine: "-n 5 -r 3", statement: "[3, 1].sort((a, b) => a - b)" });
  expect(splitLeadingOptions(timeitLike, "--loops=5 -o  f( 'a  b' )")).toEqual({ argLine: "--loops=5 -o", statement: "f( 'a  b' )" });
  expect(splitLeadingOptions(timeitLike, "-on5 f()")).toEqual({ argLine: "-on5", statement: "f()" });
  expect(splitLeadingOptions(timeitLike, "-on 5 f()")).toEqual({ argLine: "-on 5", statement: "f()" });
  expect(splitLeadingOptions(timeitLike, "-1 + x")).toEqual({ argLine: "", statement: "-1 + x" });
});

test("an unknown option stays with the options, for the parser to name it", () => {
  expect(splitLeadingOptions(timeitLike, "-x 5 f()")).toEqual({ argLine: "-x", statement: "5 f()" });
});

test("a magic without options takes the whole line as its statement", () => {
  expect(splitLeadingOptions({}, " -x * 2 ")).toEqual({ argLine: "", statement: "-x * 2" });
});
