import { fixtureExperiment, fixtureMemory } from "../../test/support/result-fixtures";
import { hasMemorySamples, memoryFigure } from "./memory-figure";

const MIB = 1024 * 1024;
const title = (figure: ReturnType<typeof memoryFigure>) => (figure.layout.title as { text: string }).text;

describe("memoryFigure", () => {
  it("draws the last run's RSS above baseline in MiB against ms from the run's start", () => {
    const figure = memoryFigure([fixtureExperiment({ model: "threads", memory: fixtureMemory(3, MIB / 2) })]);
    expect(figure.data).toHaveLength(1);
    const [line] = figure.data;
    expect([line.type, line.mode, line.name]).toEqual(["scatter", "lines", "threads"]);
    expect(line.x).toEqual([0, 5, 10]);
    expect(line.y).toEqual([0, 0.5, 1]);
    expect(title(figure)).toBe("RSS above the baseline over time, run 5 of 5 (sampled every 20 ms off the main thread)");
    expect(figure.layout.showlegend).toBe(false);
  });

  it("draws one line per model in the model's colour, and leaves out experiments without samples", () => {
    const figure = memoryFigure([
      fixtureExperiment({ model: "sync", memory: fixtureMemory(2) }),
      fixtureExperiment({ model: "async" }),
      fixtureExperiment({ model: "processes", memory: fixtureMemory(4) }),
    ]);
    expect(figure.data.map((t) => [t.name, (t.line as { color: string }).color])).toEqual([
      ["sync", "#4c78a8"],
      ["processes", "#b279a2"],
    ]);
    expect(title(figure)).toContain("the last run of each");
    expect(figure.layout.showlegend).toBe(true);
  });

  it("refuses results that kept no samples", () => {
    expect(hasMemorySamples(fixtureExperiment())).toBe(false);
    expect(() => memoryFigure([fixtureExperiment()])).toThrow("none of the experiments kept RSS samples");
  });
});
