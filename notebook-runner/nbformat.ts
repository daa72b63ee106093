/**
 * Jupyter notebook files, nbformat 4.5. In memory every multi-line field is one string; on disk
 * they are split into lines and keys are sorted, as nbformat's own writer does, so that a
 * notebook written here diffs cleanly against one saved by Jupyter. Field names follow the format.
 */
import type { MimeBundle } from "../common/mime-bundle";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

export type JsonObject = Record<string, unknown>;
/** Mime type -> data: a string for text and base64 images, any JSON value for `application/json` and `application/*+json`. */

export interface StreamOutput {
  output_type: "stream";
  name: string;
  text: string;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: JsonObject;
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: JsonObject;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata extends JsonObject {
  tags?: string[];
}

export interface CodeCell {
  id: string;
  cell_type: "code";
  metadata: CellMetadata;
  source: string;
  outputs: Output[];
  execution_count: number | null;
}

export interface MarkdownCell {
  id: string;
  cell_type: "markdown";
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

export interface RawCell {
  id: string;
  cell_type: "raw";
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface KernelspecMetadata {
  name: string;
  display_name: string;
  language?: string;
}

export interface LanguageInfo extends JsonObject {
  name: string;
}

export interface NotebookMetadata extends JsonObject {
  kernelspec?: KernelspecMetadata;
  language_info?: LanguageInfo;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: NotebookMetadata;
  cells: Cell[];
}

export const NBFORMAT_MINOR = 5;
const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;
/** Mime types whose data stay JSON values rather than (multi-line) strings. */
const isJsonMime = (mime: string) => mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
/** Mime types nbformat splits into lines on disk. */
const isSplitMime = (mime: string) => mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml";

export class NotebookFormatError extends Error {}

/** A cell id as nbformat makes them: 8 hex digits. */
export function newCellId(): string {
  return randomBytes(4).toString("hex");
}

export function joinLines(value: unknown): string {
  if (Array.isArray(value)) return value.join("");
  return typeof value === "string" ? value : "";
}

/** Splits after each newline, keeping it, like Python's `str.splitlines(True)` for "\n" and "\r\n". */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function mapMimeBundle(bundle: MimeBundle, convert: (mime: string, value: unknown) => unknown): MimeBundle {
  return Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, convert(mime, value)]));
}

const joinBundle = (bundle: MimeBundle) => mapMimeBundle(bundle, (mime, value) => (!isJsonMime(mime) && Array.isArray(value) ? joinLines(value) : value));
const splitBundle = (bundle: MimeBundle) => mapMimeBundle(bundle, (mime, value) => (isSplitMime(mime) && typeof value === "string" ? splitLines(value) : value));

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

function readOutput(raw: JsonObject, where: string): Output {
  switch (raw.output_type) {
    case "stream":
      return { output_type: "stream", name: String(raw.name ?? "stdout"), text: joinLines(raw.text) };
    case "display_data":
      return { output_type: "display_data", data: joinBundle(asObject(raw.data)), metadata: asObject(raw.metadata) };
    case "execute_result":
      return { output_type: "execute_result", execution_count: typeof raw.execution_count === "number" ? raw.execution_count : null, data: joinBundle(asObject(raw.data)), metadata: asObject(raw.metadata) };
    case "error":
      return { output_type: "error", ename: String(raw.ename ?? ""), evalue: String(raw.evalue ?? ""), traceback: Array.isArray(raw.traceback) ? raw.traceback.map(String) : [] };
    default:
      throw new NotebookFormatError(`${where}: unknown output_type ${JSON.stringify(raw.output_type)}; expected stream, display_data, execute_result or error`);
  }
}

function readCell(raw: JsonObject, index: number, usedIds: Set<string>, where: string): Cell {
  const place = `${where}, cell ${index + 1}`;
  let id = typeof raw.id === "string" && CELL_ID.test(raw.id) && !usedIds.has(raw.id) ? raw.id : newCellId();
  while (usedIds.has(id)) id = newCellId();
  usedIds.add(id);
  const metadata = asObject(raw.metadata) as CellMetadata;
  delete metadata.trusted;
  const source = joinLines(raw.source);
  const attachments = raw.attachments === undefined ? {} : { attachments: Object.fromEntries(Object.entries(asObject(raw.attachments)).map(([name, bundle]) => [name, joinBundle(asObject(bundle))])) };
  switch (raw.cell_type) {
    case "code": {
      const outputs = Array.isArray(raw.outputs) ? raw.outputs.map((o, i) => readOutput(asObject(o), `${place}, output ${i + 1}`)) : [];
      return { id, cell_type: "code", metadata, source, outputs, execution_count: typeof raw.execution_count === "number" ? raw.execution_count : null };
    }
    case "markdown":
    case "raw":
      return { id, cell_type: raw.cell_type, metadata, source, ...attachments };
    default:
      throw new NotebookFormatError(`${place}: unknown cell_type ${JSON.stringify(raw.cell_type)}; expected code, markdown or raw`);
  }
}

/** Parses notebook JSON of any nbformat 4.x, upgrading it to 4.5 (every cell gets a valid, unique id). */
export function parseNotebook(text: string, where = "notebook"): Notebook {
  let raw: JsonObject;
  try {
    raw = asObject(JSON.parse(text));
  } catch (e) {
    throw new NotebookFormatError(`${where} is not JSON: ${(e as Error).message}`);
  }
  if (raw.nbformat !== 4) {
    throw new NotebookFormatError(`${where} is nbformat ${JSON.stringify(raw.nbformat)}; only nbformat 4 is read. Convert it with: jupyter nbconvert --to notebook --nbformat 4 ${where}`);
  }
  if (!Array.isArray(raw.cells)) throw new NotebookFormatError(`${where} has no "cells" list`);
  const metadata = asObject(raw.metadata) as NotebookMetadata;
  for (const transient of ["orig_nbformat", "orig_nbformat_minor", "signature"]) delete metadata[transient];
  const usedIds = new Set<string>();
  const cells = raw.cells.map((cell, i) => readCell(asObject(cell), i, usedIds, where));
  return { nbformat: 4, nbformat_minor: Math.max(NBFORMAT_MINOR, typeof raw.nbformat_minor === "number" ? raw.nbformat_minor : 0), metadata, cells };
}

export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new NotebookFormatError(`cannot read the notebook ${path}: ${(e as Error).message}`);
  }
  return parseNotebook(text, path);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as JsonObject)[key])]),
  );
}

function diskOutput(output: Output): JsonObject {
  switch (output.output_type) {
    case "stream":
      return { ...output, text: splitLines(output.text) };
    case "display_data":
    case "execute_result":
      return { ...output, data: splitBundle(output.data) };
    case "error":
      return { ...output };
  }
}

function diskCell(cell: Cell): JsonObject {
  const disk: JsonObject = { ...cell, source: splitLines(cell.source) };
  if (cell.cell_type === "code") disk.outputs = cell.outputs.map(diskOutput);
  else if (cell.attachments) disk.attachments = Object.fromEntries(Object.entries(cell.attachments).map(([name, bundle]) => [name, splitBundle(bundle)]));
  return disk;
}

/** The notebook as nbformat writes it: lines split, keys sorted, one-space indent, final newline. */
export function serializeNotebook(notebook: Notebook): string {
  const disk = { ...notebook, cells: notebook.cells.map(diskCell) };
  return `${JSON.stringify(sortKeys(disk), null, 1)}\n`;
}

export function writeNotebook(path: string, notebook: Notebook): void {
  writeFileSync(path, serializeNotebook(notebook));
}
