import { Message } from "../protocol/messages";
import { CodeCell } from "./nbformat";
import { OutputRecorder } from "./output-recorder";

const codeCell = (id: string): CodeCell => ({ id, cell_type: "code", metadata: {}, source: "", outputs: [], execution_count: null });
const msg = (msgType: string, content: Record<string, unknown>): Pick<Message, "header" | "content"> => ({
  header: { msg_id: "m", session: "s", username: "u", date: "", msg_type: msgType, version: "5.3" },
  content,
});

describe("OutputRecorder", () => {
  it("merges consecutive stream text of the same name, as Jupyter does", () => {
    const cell = codeCell("a");
    const recorder = new OutputRecorder();
    for (const [name, text] of [["stdout", "1\n"], ["stdout", "2\n"], ["stderr", "warn\n"], ["stdout", "3\n"]]) recorder.apply(cell, msg("stream", { name, text }));
    expect(cell.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "1\n2\n" },
      { output_type: "stream", name: "stderr", text: "warn\n" },
      { output_type: "stream", name: "stdout", text: "3\n" },
    ]);
  });

  it("records display_data, execute_result with its count, and errors; ignores status and execute_input", () => {
    const cell = codeCell("a");
    const recorder = new OutputRecorder();
    recorder.apply(cell, msg("status", { execution_state: "busy" }));
    recorder.apply(cell, msg("execute_input", { code: "1", execution_count: 4 }));
    recorder.apply(cell, msg("display_data", { data: { "text/plain": "d" }, metadata: { x: 1 }, transient: {} }));
    recorder.apply(cell, msg("execute_result", { data: { "text/plain": "2" }, metadata: {}, execution_count: 4 }));
    recorder.apply(cell, msg("error", { ename: "TypeError", evalue: "bad", traceback: ["TypeError: bad", "    at <cell>:1"] }));
    expect(cell.outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "d" }, metadata: { x: 1 } },
      { output_type: "execute_result", data: { "text/plain": "2" }, metadata: {}, execution_count: 4 },
      { output_type: "error", ename: "TypeError", evalue: "bad", traceback: ["TypeError: bad", "    at <cell>:1"] },
    ]);
  });

  it("clears at once on clear_output, and on the next output with wait=true", () => {
    const cell = codeCell("a");
    const recorder = new OutputRecorder();
    recorder.apply(cell, msg("stream", { name: "stdout", text: "old\n" }));
    recorder.apply(cell, msg("clear_output", { wait: false }));
    expect(cell.outputs).toEqual([]);
    recorder.apply(cell, msg("stream", { name: "stdout", text: "10%\n" }));
    recorder.apply(cell, msg("clear_output", { wait: true }));
    expect(cell.outputs).toHaveLength(1);
    recorder.apply(cell, msg("stream", { name: "stdout", text: "20%\n" }));
    expect(cell.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "20%\n" }]);
    recorder.apply(cell, msg("stream", { name: "stdout", text: "done\n" }));
    expect(cell.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "20%\ndone\n" }]);
  });

  it("applies update_display_data to every live output with that display_id, in any cell", () => {
    const first = codeCell("a");
    const second = codeCell("b");
    const recorder = new OutputRecorder();
    recorder.apply(first, msg("display_data", { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "progress" } }));
    recorder.apply(first, msg("display_data", { data: { "text/plain": "other" }, metadata: {}, transient: { display_id: "other" } }));
    recorder.apply(second, msg("display_data", { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "progress" } }));
    recorder.apply(second, msg("update_display_data", { data: { "text/plain": "100%" }, metadata: { done: true }, transient: { display_id: "progress" } }));
    expect(first.outputs[0]).toEqual({ output_type: "display_data", data: { "text/plain": "100%" }, metadata: { done: true } });
    expect(first.outputs[1]).toMatchObject({ data: { "text/plain": "other" } });
    expect(second.outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "100%" }, metadata: { done: true } }]);
  });

  it("does not bring back a display that clear_output removed, nor add an output for an unknown display_id", () => {
    const cell = codeCell("a");
    const recorder = new OutputRecorder();
    recorder.apply(cell, msg("display_data", { data: { "text/plain": "x" }, metadata: {}, transient: { display_id: "d" } }));
    recorder.apply(cell, msg("clear_output", { wait: false }));
    recorder.apply(cell, msg("update_display_data", { data: { "text/plain": "y" }, metadata: {}, transient: { display_id: "d" } }));
    recorder.apply(cell, msg("update_display_data", { data: { "text/plain": "z" }, metadata: {}, transient: { display_id: "never-shown" } }));
    expect(cell.outputs).toEqual([]);
  });
});
