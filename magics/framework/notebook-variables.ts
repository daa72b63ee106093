/** The notebook's own variables by name: not the kept results ($last, $results) nor what the module system puts in its scope (__esModule). */
export function notebookVariables(scope: Record<string, unknown>): string[] {
  return Object.keys(scope).filter((k) => !k.startsWith("$") && !k.startsWith("__"));
}
