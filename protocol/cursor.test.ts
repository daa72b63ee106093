import { codePointToIndex, indexToCodePoint } from "./cursor";

test("code points and UTF-16 indices differ after an astral character", () => {
  const text = "const 😀 = x.y";
  expect(codePointToIndex(text, 8)).toBe(9);
  expect(indexToCodePoint(text, 9)).toBe(8);
  expect(codePointToIndex("abc", 2)).toBe(2);
});
