import { VERDICT_MIME } from "../common/verdict-output";
import { Cell, Notebook, Output } from "./nbformat";
import { shownVerdicts } from "./shown-verdicts";

const verdictData = (verdicts: unknown) => ({ "text/plain": "Verdict on C1 ...", "text/html": "<div>...</div>", [VERDICT_MIME]: { verdicts } });

function notebookOf(cells: { id: string; outputs: Output[] }[]): Notebook {
  const code = cells.map((c): Cell => ({ id: c.id, cell_type: "code", metadata: {}, source: "verdict(...)", outputs: c.outputs, execution_count: 1 }));
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "intro", cell_type: "markdown", metadata: {}, source: "Verdict on C9: holds (typed, not computed)" }, ...code] };
}

describe("shownVerdicts", () => {
  it("reads each verdict's claims and outcome from its data, in cell and output order, with its cell", () => {
    const notebook = notebookOf([
      { id: "one", outputs: [{ output_type: "stream", name: "stdout", text: "Verdict on C2: holds\n" }, { output_type: "display_data", data: verdictData([{ claims: ["C1", "C7"], holds: "partly", text: "…" }]), metadata: {} }] },
      { id: "table", outputs: [{ output_type: "execute_result", execution_count: 2, data: verdictData([{ claims: ["C3"], holds: false }, { claims: ["C4"], holds: "cannot judge" }]), metadata: {} }] },
      {
        id: "pair",
        outputs: [
          {
            output_type: "display_data",
            data: verdictData([
              { claims: ["C1"], holds: true, runtime: { implementation: "node", version: "20.0.0" } },
              { claims: ["C1"], holds: false, runtime: { implementation: "cpython", version: "3.11.2", build: "GIL", gilEnabled: true } },
              { claims: ["C1"], holds: "cannot judge", notMeasured: "no python3 on PATH; set CONCLAB_PYTHON" },
            ]),
            metadata: {},
          },
        ],
      },
      { id: "chart", outputs: [{ output_type: "display_data", data: { "text/plain": "a chart" }, metadata: {} }] },
    ]);
    expect(shownVerdicts(notebook)).toEqual([
      { claims: ["C1", "C7"], holds: "partly", cellId: "one" },
      { claims: ["C3"], holds: false, cellId: "table" },
      { claims: ["C4"], holds: "cannot judge", cellId: "table" },
      { claims: ["C1"], holds: true, cellId: "pair", on: "Node" },
      { claims: ["C1"], holds: false, cellId: "pair", on: "CPython 3.11 (GIL)" },
      { claims: ["C1"], holds: "cannot judge", cellId: "pair", on: "CPython, not measured: no python3 on PATH; set CONCLAB_PYTHON" },
    ]);
  });

  it("passes over data not shaped as a verdict", () => {
    const notebook = notebookOf([
      {
        id: "odd",
        outputs: [
          { output_type: "display_data", data: verdictData([{ claims: [], holds: true }, { claims: ["C1"], holds: "yes" }, { claims: [1], holds: true }, null, { claims: ["C5"], holds: true }]), metadata: {} },
          { output_type: "display_data", data: { [VERDICT_MIME]: { verdicts: "C1 holds" } }, metadata: {} },
          { output_type: "display_data", data: { [VERDICT_MIME]: null }, metadata: {} },
          { output_type: "error", ename: "VerdictError", evalue: "no verdict", traceback: [] },
        ],
      },
    ]);
    expect(shownVerdicts(notebook)).toEqual([{ claims: ["C5"], holds: true, cellId: "odd" }]);
  });
});
