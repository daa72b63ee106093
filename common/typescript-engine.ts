/** The contract of the TypeScript engine that type-checks and transpiles cells and magic bodies (kernel/engine implements it). */
export interface DiagnosticPosition {
  offset: number;
  /** zero-based */
  line: number;
  /** zero-based */
  character: number;
}

export interface Diagnostic {
  start: DiagnosticPosition;
  end: DiagnosticPosition;
  messageText: string;
  category: number;
  code: number;
  fileName?: string;
}

export interface Conversion {
  /** CommonJS JavaScript that reads and writes notebook variables through `exports`. */
  output?: string;
  /** Declarations of every notebook variable after this cell, fed to the next conversion. */
  declOutput?: string;
  diagnostics: Diagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
  sideOutputs?: { path: string; data: string }[];
}

/** Maps a zero-based line and column of a conversion's output to the cell's own zero-based line and column. */
export type PositionMapper = (line: number, column: number) => { line: number; column: number } | undefined;

export interface Completion {
  start: number;
  end: number;
  candidates: string[];
}

export interface QuickInfo {
  start: number;
  length: number;
  signature: string;
  documentation: string;
}

export interface TypeScriptEngine {
  convert(prevDecl: string, src: string): Conversion;
  /** Converts again with source maps, to point a stack frame of that conversion's output at the cell. */
  positionMapper(prevDecl: string, src: string): PositionMapper | undefined;
  complete(prevDecl: string, src: string, position: number): Completion;
  inspect(prevDecl: string, src: string, position: number): QuickInfo | undefined;
  close(): void;
}
