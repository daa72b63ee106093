/** A notebook variable's TypeScript type, as %whos shows it, from the engine's quick info on its name. */

/** Longer types are cut, ending in "…": a table column, not a declaration. */
const MAX_TYPE_LENGTH = 40;

/**
 * The type part of a quick-info signature: `const xs: number[]` gives `number[]`, `function f(x:
 * number): number` gives `function(x: number): number`; a class, enum or module keeps its word
 * (`class Point`, `module "fs"`), and an import shows what it imports.
 */
export function typeFromSignature(name: string, signature: string): string {
  const declared = signature.replace(/^\(alias\) /, "").split("\nimport ")[0].replace(/\s+/g, " ").trim();
  const variable = new RegExp(`^(?:const|let|var) ${escapeRegExp(name)}: `).exec(declared);
  const typeText = variable ? declared.slice(variable[0].length) : declared.replace(new RegExp(`^function ${escapeRegExp(name)}\\b`), "function");
  return typeText.length > MAX_TYPE_LENGTH ? `${typeText.slice(0, MAX_TYPE_LENGTH - 1)}…` : typeText;
}

function escapeRegExp(text: string): string {
  return text.replace(/[$^.*+?()[\]{}|\\]/g, "\\$&");
}
