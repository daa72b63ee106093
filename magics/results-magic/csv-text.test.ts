import { csvText } from "./csv-text";

test("plain fields stay as they are, records end with CRLF, empty cells for undefined", () => {
  expect(csvText([["a", "b", "c"], [1, 2.5, undefined], [true, false, ""]])).toBe("a,b,c\r\n1,2.5,\r\ntrue,false,\r\n");
});

test("fields with a comma, a quote or a line break are quoted, their quotes doubled", () => {
  expect(csvText([["x,y", 'say "hi"', "two\nlines", "cr\r", "plain"]])).toBe('"x,y","say ""hi""","two\nlines","cr\r",plain\r\n');
});
