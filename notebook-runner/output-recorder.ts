/**
 * Turns iopub messages into notebook outputs the way Jupyter's output area does: consecutive
 * stream text of one name is merged, `clear_output` (with `wait`, deferred to the next output)
 * empties a cell, and `update_display_data` rewrites every live output carrying that display_id,
 * whichever cell it is in. One recorder serves a whole notebook run.
 */
import { Message } from "../protocol/messages";
import { CodeCell, DisplayDataOutput, ExecuteResultOutput, JsonObject, Output } from "./nbformat";
import { MimeBundle } from "../common/mime-bundle";

type Display = DisplayDataOutput | ExecuteResultOutput;

interface DisplayContent {
  data?: MimeBundle;
  metadata?: JsonObject;
  transient?: { display_id?: unknown };
}

export class OutputRecorder {
  private readonly displays = new Map<string, { cell: CodeCell; output: Display }[]>();
  private readonly clearOnNextOutput = new Set<CodeCell>();

  /** Applies one iopub message sent on behalf of `cell`'s execution; messages that carry no output are ignored. */
  apply(cell: CodeCell, msg: Pick<Message, "header" | "content">): void {
    const content = msg.content as JsonObject & DisplayContent;
    switch (msg.header.msg_type) {
      case "stream":
        this.appendStream(cell, String(content.name ?? "stdout"), String(content.text ?? ""));
        break;
      case "display_data":
        this.appendDisplay(cell, { output_type: "display_data", data: bundleOf(content), metadata: metadataOf(content) }, content);
        break;
      case "execute_result":
        this.appendDisplay(
          cell,
          { output_type: "execute_result", execution_count: typeof content.execution_count === "number" ? content.execution_count : null, data: bundleOf(content), metadata: metadataOf(content) },
          content,
        );
        break;
      case "error":
        this.append(cell, {
          output_type: "error",
          ename: String(content.ename ?? "Error"),
          evalue: String(content.evalue ?? ""),
          traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
        });
        break;
      case "update_display_data":
        this.updateDisplay(content);
        break;
      case "clear_output":
        if (content.wait === true) this.clearOnNextOutput.add(cell);
        else this.clear(cell);
        break;
    }
  }

  /** Adds an output the runner itself produced (a timeout, a dead kernel) after the kernel's own. */
  append(cell: CodeCell, output: Output): void {
    if (this.clearOnNextOutput.has(cell)) this.clear(cell);
    cell.outputs.push(output);
  }

  clear(cell: CodeCell): void {
    this.clearOnNextOutput.delete(cell);
    cell.outputs.length = 0;
  }

  private appendStream(cell: CodeCell, name: string, text: string): void {
    if (this.clearOnNextOutput.has(cell)) this.clear(cell);
    const last = cell.outputs[cell.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) last.text += text;
    else cell.outputs.push({ output_type: "stream", name, text });
  }

  private appendDisplay(cell: CodeCell, output: Display, content: DisplayContent): void {
    this.append(cell, output);
    const displayId = content.transient?.display_id;
    if (typeof displayId !== "string") return;
    const live = (this.displays.get(displayId) ?? []).filter((d) => d.cell.outputs.includes(d.output));
    this.displays.set(displayId, [...live, { cell, output }]);
  }

  private updateDisplay(content: DisplayContent): void {
    const displayId = content.transient?.display_id;
    if (typeof displayId !== "string") return;
    for (const { cell, output } of this.displays.get(displayId) ?? []) {
      if (!cell.outputs.includes(output)) continue;
      output.data = bundleOf(content);
      output.metadata = metadataOf(content);
    }
  }
}

function bundleOf(content: DisplayContent): MimeBundle {
  return { ...(content.data ?? {}) };
}

function metadataOf(content: DisplayContent): JsonObject {
  return { ...(content.metadata ?? {}) };
}
