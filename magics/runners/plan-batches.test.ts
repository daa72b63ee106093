import { describeSchedule, planBatches } from "./plan-batches";

describe("planBatches", () => {
  it("dynamic: one task per message", () => {
    expect(planBatches(3, 2, { kind: "dynamic" })).toEqual([{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 3 }]);
  });

  it("static: one contiguous share per lane, the last one shorter", () => {
    expect(planBatches(7, 2, { kind: "static" })).toEqual([{ from: 0, to: 4 }, { from: 4, to: 7 }]);
    expect(planBatches(2, 4, { kind: "static" })).toEqual([{ from: 0, to: 1 }, { from: 1, to: 2 }]);
  });

  it("chunk=K: K tasks per message, covering every task once", () => {
    const batches = planBatches(10, 2, { kind: "chunk", size: 4 });
    expect(batches).toEqual([{ from: 0, to: 4 }, { from: 4, to: 8 }, { from: 8, to: 10 }]);
    expect(describeSchedule({ kind: "chunk", size: 4 })).toBe("chunk=4");
  });
});
