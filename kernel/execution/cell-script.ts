/**
 * The script the kernel runs for a cell, made from tslab's CommonJS output. tslab writes every
 * top-level variable through `exports` (`exports.acc = acc += i`), and `exports` is the notebook's
 * scope, an object with every variable of the notebook on it: in a loop each write costs a
 * dictionary store and a number on the heap, about 10x the loop in a function.
 *
 * So the variables that no function or class can see are read and written on an object of the
 * run's own instead (`$$local`, made per run by NotebookScope.cellValues, with a hidden class of its
 * own), and the kernel copies them to the scope when the run ends, however it ends: a throw, an
 * interrupt (which stops the script without running its `finally` blocks, but not the kernel's),
 * or an interrupted `await`. While the cell runs, only a function could read or write the scope
 * between two of its statements (cells run one at a time, and nothing else reads the scope while
 * a cell awaits): a name that any function of this cell or of an earlier one names stays on the
 * scope, and so does every name of a cell that uses `eval` or `with`.
 *
 * A variable that a function does name is kept on the scope for all its uses: tslab leaves the
 * cell's own top-level code and functions on a local copy (`let x`, mirrored by `exports.x = x`),
 * so a function read that copy, and missed what a later cell assigned to `x`. Every reference to it
 * but its declaration and that first mirror becomes `exports.x`, when the cell declares it in
 * top-level statements only (not in a `for` head).
 *
 * `toOutputPosition` maps a position of the script's text back to the output, whose source map
 * points stack frames at the cell's lines.
 */
import type * as TS from "typescript";

/** In place of `exports` for the cell's own variables: seven characters too. */
export const CELL_VALUES = "$$local";
/** In place of `Object.defineProperty` (21 characters) on `exports`: see NotebookScope.define. */
export const DEFINE_VARIABLE = "$$defineScopeProperty";

export interface CellScript {
  /** The output with its edits, every position as in the output. */
  text: string;
  /** The names the cell declares: the ones its output resets to `void 0` before its first statement. */
  declared: string[];
  /** The names read and written on `$$local`: only the cell's top-level code names them. */
  local: string[];
  /** Those of `local` that earlier cells declared: `$$local` starts with their values. */
  fromEarlierCells: string[];
  /** The names a function or class of this cell names: they stay on the scope in every later cell too. */
  captured: string[];
  /** Whether the cell can reach every variable (eval, with, `exports` as a value): then every later cell keeps all of them on the scope. */
  seesWholeScope: boolean;
  /** A zero-based line and column of `text` as the line and column of the output it came from. */
  toOutputPosition(line: number, column: number): { line: number; column: number };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface ExportsAccess {
  /** The `exports` identifier of `exports.NAME`. */
  node: TS.Identifier;
  name: string;
  inFunction: boolean;
}

function isDefineOnExports(ts: typeof TS, node: TS.Node): node is TS.CallExpression {
  return ts.isCallExpression(node) && node.expression.getText() === "Object.defineProperty" && node.arguments.length > 0 && ts.isIdentifier(node.arguments[0]) && node.arguments[0].text === "exports";
}

/** `exports.a = exports.b = void 0;`: the names, or undefined for any other statement. */
function resetNames(ts: typeof TS, statement: TS.Statement): string[] | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const names: string[] = [];
  let expression: TS.Expression = statement.expression;
  while (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = expression.left;
    if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression) || target.expression.text !== "exports") return undefined;
    names.push(target.name.text);
    expression = expression.right;
  }
  const isVoidZero = ts.isVoidExpression(expression) && ts.isNumericLiteral(expression.expression) && expression.expression.text === "0";
  return isVoidZero && names.length > 0 ? names : undefined;
}

/** The names a binding pattern or name binds. */
function boundNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(ts, element.name)));
}

/** The `var` names a function body declares, not counting its inner functions'. */
function varNames(ts: typeof TS, node: TS.Node, names: string[] = []): string[] {
  if (ts.isVariableDeclarationList(node) && !(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) {
    for (const declaration of node.declarations) names.push(...boundNames(ts, declaration.name));
  }
  if (!ts.isFunctionLike(node)) ts.forEachChild(node, (child) => void varNames(ts, child, names));
  return names;
}

/** The names the statements of a block declare in it: let, const, class, function. */
function blockNames(ts: typeof TS, statements: readonly TS.Statement[]): string[] {
  return statements.flatMap((statement) => {
    if (ts.isVariableStatement(statement) && statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) {
      return statement.declarationList.declarations.flatMap((d) => boundNames(ts, d.name));
    }
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) return [statement.name.text];
    return [];
  });
}

/** Whether `scope`, a node below the file, binds `name` for the code inside it. */
function bindsName(ts: typeof TS, scope: TS.Node, name: string): boolean {
  if (ts.isFunctionLike(scope)) {
    if (scope.parameters.some((p) => boundNames(ts, p.name).includes(name))) return true;
    if (ts.isFunctionExpression(scope) && scope.name?.text === name) return true;
    const body = (scope as TS.FunctionLikeDeclaration).body;
    if (body && varNames(ts, body).includes(name)) return true;
    return body !== undefined && ts.isBlock(body) && blockNames(ts, body.statements).includes(name);
  }
  if (ts.isClassLike(scope)) return scope.name?.text === name;
  if (ts.isBlock(scope) || ts.isModuleBlock(scope)) return blockNames(ts, scope.statements).includes(name);
  if (ts.isCaseBlock(scope)) return scope.clauses.some((clause) => blockNames(ts, clause.statements).includes(name));
  if (ts.isCatchClause(scope)) return scope.variableDeclaration !== undefined && boundNames(ts, scope.variableDeclaration.name).includes(name);
  if ((ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    return scope.initializer.declarations.some((d) => boundNames(ts, d.name).includes(name));
  }
  return false;
}

/** Whether an identifier names a variable there (not a property, a label, or a declaration's own name). */
function isReference(ts: typeof TS, node: TS.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) ||
    ts.isGetAccessorDeclaration(parent) || ts.isSetAccessorDeclaration(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name === node) return false;
  if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === node) return false;
  return true;
}

/** The names the file's top-level statements declare; a name declared anywhere else at its top level (a `for` head, a block) is left out. */
function topLevelStatementNames(ts: typeof TS, source: TS.SourceFile): Set<string> {
  const inStatements = new Set([...blockNames(ts, source.statements), ...source.statements.flatMap((s) =>
    ts.isVariableStatement(s) ? s.declarationList.declarations.flatMap((d) => boundNames(ts, d.name)) : [])]);
  const elsewhere = varNames(ts, source).filter((name) => !source.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => boundNames(ts, d.name).includes(name))));
  for (const name of elsewhere) inStatements.delete(name);
  return inStatements;
}

/** `exports.NAME = NAME;` as a statement of its own: tslab's mirror of a declaration. */
function isDeclarationMirror(ts: typeof TS, node: TS.Node): boolean {
  if (!ts.isExpressionStatement(node) || !ts.isBinaryExpression(node.expression) || node.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const { left, right } = node.expression;
  return ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === "exports" && ts.isIdentifier(right) && right.text === left.name.text;
}

/** Applies edits (sorted, apart) and maps positions of the result back. */
function applyEdits(original: string, edits: Edit[]): Pick<CellScript, "text" | "toOutputPosition"> {
  let text = "";
  let from = 0;
  for (const edit of edits) {
    text += original.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  text += original.slice(from);
  const lineStarts = (t: string) => {
    const starts = [0];
    for (let i = t.indexOf("\n"); i >= 0; i = t.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  };
  // Most cells' edits keep their length: then every position is the output's. Kept per cell, so it holds no text.
  if (edits.every((edit) => edit.text.length === edit.end - edit.start)) return { text, toOutputPosition: (line, column) => ({ line, column }) };
  const textLines = lineStarts(text);
  const originalLines = lineStarts(original);
  const textLength = text.length;
  return {
    text,
    toOutputPosition(line, column) {
      const offset = (textLines[line] ?? textLength) + column;
      let shift = 0;
      let at = offset;
      for (const edit of edits) {
        const start = edit.start + shift;
        if (offset < start) break;
        if (offset < start + edit.text.length) {
          at = edit.start;
          shift = 0;
          break;
        }
        shift += edit.text.length - (edit.end - edit.start);
        at = offset - shift;
      }
      let outputLine = 0;
      while (outputLine + 1 < originalLines.length && originalLines[outputLine + 1] <= at) outputLine++;
      return { line: outputLine, column: at - originalLines[outputLine] };
    },
  };
}

/**
 * @param lastExpressionVar the name tslab gives the cell's last expression; it stays on the scope, where the kernel reads it
 * @param capturedEarlier whether a function of an earlier cell may name a variable (CellScript.captured and seesWholeScope of each)
 * @param readable whether the scope holds a value for a name of an earlier cell (not one a stopped cell left without)
 */
export function cellScript(ts: typeof TS, output: string, lastExpressionVar: string | undefined, capturedEarlier: (name: string) => boolean, readable: (name: string) => boolean): CellScript {
  const source = ts.createSourceFile("cell.js", output, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: Edit[] = [];

  // The reset statements follow the `__esModule` one; the kernel resets the names itself (NotebookScope.runCell).
  const declared: string[] = [];
  const resets = new Set<TS.Node>();
  const first = source.statements.findIndex((s) => ts.isExpressionStatement(s) && isDefineOnExports(ts, s.expression));
  for (let i = first + 1; first >= 0 && i < source.statements.length; i++) {
    const names = resetNames(ts, source.statements[i]);
    if (!names) break;
    declared.push(...names);
    const statement = source.statements[i];
    resets.add(statement);
    edits.push({ start: statement.getStart(source), end: statement.end, text: " ".repeat(statement.end - statement.getStart(source)) });
  }

  const accesses: ExportsAccess[] = [];
  const identifiers: TS.Identifier[] = [];
  const mirrors = new Set<TS.Node>();
  const namedInFunctions = new Set<string>();
  const definedNames = new Set<string>();
  let opaque = false;
  const visit = (node: TS.Node, inFunction: boolean): void => {
    if (resets.has(node)) return;
    if (!inFunction && isDeclarationMirror(ts, node)) mirrors.add(node);
    if (ts.isShorthandPropertyAssignment(node)) opaque = true;
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      identifiers.push(node);
      if (node.text === "exports") {
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node) accesses.push({ node, name: parent.name.text, inFunction });
        else if (!(isDefineOnExports(ts, parent) && !inFunction)) opaque = true;
      } else if (node.text === "eval" || node.text === CELL_VALUES || node.text === DEFINE_VARIABLE) {
        opaque = true;
      }
      if (inFunction && !(ts.isPropertyAccessExpression(parent) && parent.name === node)) namedInFunctions.add(node.text);
      return;
    }
    if (ts.isWithStatement(node)) opaque = true;
    if (!inFunction && isDefineOnExports(ts, node)) {
      const key = node.arguments[1];
      if (key && ts.isStringLiteral(key)) definedNames.add(key.text);
      edits.push({ start: node.expression.getStart(source), end: node.expression.end, text: DEFINE_VARIABLE });
    }
    const inner = inFunction || ts.isFunctionLike(node) || ts.isClassLike(node);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, false);

  const declaredSet = new Set(declared);
  const topLevel = topLevelStatementNames(ts, source);
  const captured = new Set([...declared.filter((name) => namedInFunctions.has(name)), ...accesses.filter((a) => a.inFunction).map((a) => a.name)]);
  const isLocal = (name: string) =>
    !opaque && name !== lastExpressionVar && !captured.has(name) && !capturedEarlier(name) && !definedNames.has(name) && (declaredSet.has(name) || readable(name));
  const local = [...new Set([...declared, ...accesses.map((a) => a.name)])].filter(isLocal);
  const localSet = new Set(local);
  for (const access of accesses) {
    if (localSet.has(access.name)) edits.push({ start: access.node.getStart(source), end: access.node.end, text: CELL_VALUES });
  }

  // The captured variables the cell declares: each reference to the top-level one reads and writes the scope.
  const onScope = new Set(opaque ? [] : [...captured].filter((name) => declaredSet.has(name) && topLevel.has(name)));
  const inMirror = (node: TS.Node) => mirrors.has(node.parent?.parent) && (node.parent as TS.BinaryExpression).right === node;
  const resolvesToTopLevel = (node: TS.Identifier) => {
    for (let scope = node.parent; scope && !ts.isSourceFile(scope); scope = scope.parent) if (bindsName(ts, scope, node.text)) return false;
    return true;
  };
  // A function declaration is there from the cell's start: so is its variable, which its own calls now read.
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && onScope.has(statement.name.text)) edits.push({ start: 0, end: 0, text: `exports.${statement.name.text} = ${statement.name.text}; ` });
  }
  for (const node of identifiers) {
    if (onScope.has(node.text) && isReference(ts, node) && !inMirror(node) && resolvesToTopLevel(node)) {
      edits.push({ start: node.getStart(source), end: node.end, text: `exports.${node.text}` });
    }
  }

  // An insertion goes before a replacement that starts where it does.
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...applyEdits(output, edits), declared, local, fromEarlierCells: local.filter((name) => !declaredSet.has(name)), captured: [...captured], seesWholeScope: opaque };
}
