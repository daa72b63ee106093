import { UsageError } from "./usage-error";

/**
 * Splits a magic's option line into words the way a POSIX shell does: whitespace separates,
 * '...' is literal, "..." allows \" \\ \$ \` escapes, and a backslash outside quotes escapes
 * the next character.
 */
export function splitArgLine(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "\\") {
      if (i + 1 >= line.length) throw new UsageError(`the option line ends with a lone backslash: remove it, or write \\\\ for a backslash (in: ${line})`);
      word += line[++i];
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw unterminated("'", i, line);
      word += line.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        word += line[j];
      }
      if (j >= line.length) throw unterminated('"', i, line);
      i = j;
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function unterminated(quote: string, at: number, line: string): UsageError {
  return new UsageError(`the quote ${quote} at column ${at + 1} of the option line is never closed: add the closing ${quote} (in: ${line})`);
}
