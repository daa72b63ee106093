import { BUDGET_S, MAX_LOOPS, MIN_RUN_S, autorangeLoops } from "./autorange";

/** A statement that takes `perLoop` seconds every loop; records the runs asked for. */
function steadyStatement(perLoop: number) {
  const asked: number[] = [];
  return {
    asked,
    timeRun: async (loops: number) => {
      asked.push(loops);
      return loops * perLoop;
    },
  };
}

/** Seconds the default measurement takes: the auto-range runs, then `runs` runs of the chosen count. */
async function defaultMeasurement(perLoop: number, runs = 7): Promise<{ loops: number; total: number; run: number }> {
  const statement = steadyStatement(perLoop);
  const loops = await autorangeLoops(statement.timeRun, runs);
  const autorange = statement.asked.reduce((sum, n) => sum + n * perLoop, 0);
  return { loops, total: autorange + runs * loops * perLoop, run: loops * perLoop };
}

describe("autorangeLoops", () => {
  it("tries 1, 2, 5, 10, 20, 50... loops and stops at the first run of at least 0.2 s", async () => {
    const statement = steadyStatement(0.025);
    await expect(autorangeLoops(statement.timeRun, 7)).resolves.toBe(10);
    expect(statement.asked).toEqual([1, 2, 5, 10]);
  });

  it("keeps every default measurement of a statement under 0.1 s within 2.5 s, each run lasting about 0.2 s", async () => {
    const outside: object[] = [];
    for (let exponent = -9; exponent <= -1; exponent += 0.01) {
      const perLoop = 10 ** exponent * 0.999;
      const measured = await defaultMeasurement(perLoop);
      if (measured.total > BUDGET_S || measured.run < MIN_RUN_S / 2 || measured.run >= 0.5) outside.push({ perLoop, ...measured });
    }
    expect(outside).toEqual([]);
  });

  it("takes the count before when 7 runs of the first one would overrun: Math.hypot at 18 ns a loop", async () => {
    expect(await defaultMeasurement(18e-9)).toMatchObject({ loops: 10_000_000 });
    expect((await defaultMeasurement(18e-9)).total).toBeLessThan(BUDGET_S);
    // One run fits the budget: the first count that takes 0.2 s stays.
    expect((await defaultMeasurement(18e-9, 1)).loops).toBe(20_000_000);
  });

  it("keeps the first count when the run before it was disturbed, too short to measure with", async () => {
    const runs = new Map([[1, 0.001], [2, 0.6]]);
    await expect(autorangeLoops(async (loops) => runs.get(loops)!, 7)).resolves.toBe(2);
  });

  it("runs a slow statement once per run, and stops at the largest count -n allows", async () => {
    expect((await defaultMeasurement(1.5)).loops).toBe(1);
    expect((await defaultMeasurement(1e-15)).loops).toBe(MAX_LOOPS);
  });
});
