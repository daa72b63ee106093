import { envelopeIndexes, memorySamples } from "./memory-samples";

describe("envelopeIndexes", () => {
  it("keeps every index up to the limit", () => {
    expect(envelopeIndexes([5, 1, 3], 200)).toEqual([0, 1, 2]);
  });

  it("keeps at most the limit, the first and the last, and the peak wherever it falls", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50) * 100 + 1000);
    values[4321] = 99_999;
    const kept = envelopeIndexes(values, 200);
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept.length).toBeGreaterThan(150);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(9999);
    expect(kept).toContain(4321);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it("keeps the lowest and highest of each bucket, so a sawtooth keeps its depth", () => {
    const sawtooth = Array.from({ length: 1000 }, (_, i) => i % 100);
    const kept = envelopeIndexes(sawtooth, 22).map((i) => sawtooth[i]);
    expect(Math.min(...kept)).toBe(0);
    expect(Math.max(...kept)).toBe(99);
  });
});

describe("memorySamples", () => {
  it("gives ms from the run's start and bytes above the baseline, never below zero", () => {
    const series = { epochMs: [1000, 1005.0004, 1010], rssBytes: [10_000, 9_000, 15_000] };
    expect(memorySamples(series, 1000, 10_000)).toEqual({ t: [0, 5, 10], rssAboveBaselineBytes: [0, 0, 5_000] });
  });

  it("thins a long series to the limit, keeping its peak", () => {
    const epochMs = Array.from({ length: 5000 }, (_, i) => 2000 + i * 5);
    const rssBytes = epochMs.map((_, i) => 1_000_000 + (i === 3333 ? 500_000 : i));
    const samples = memorySamples({ epochMs, rssBytes }, 2000, 1_000_000, 200);
    expect(samples.t.length).toBeLessThanOrEqual(200);
    expect(samples.t).toHaveLength(samples.rssAboveBaselineBytes.length);
    expect(Math.max(...samples.rssAboveBaselineBytes)).toBe(500_000);
    expect(samples.t[samples.rssAboveBaselineBytes.indexOf(500_000)]).toBe(3333 * 5);
  });
});
