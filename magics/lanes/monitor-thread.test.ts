import { MONITOR_BUFFER_BYTES, MonitorSlot, SAMPLE_CAPACITY, monitorViews } from "./monitor-slots";
import { RssSeriesWriter } from "./monitor-thread";
import { readSeries } from "../measure/resource-monitor";

describe("RssSeriesWriter", () => {
  const setup = () => {
    const views = monitorViews(new SharedArrayBuffer(MONITOR_BUFFER_BYTES));
    return { views, writer: new RssSeriesWriter(views) };
  };

  it("stores each reading while there is room", () => {
    const { views, writer } = setup();
    writer.record(10, 100);
    writer.record(15, 120);
    expect(readSeries(views)).toEqual({ epochMs: [10, 15], rssBytes: [100 * 1024, 120 * 1024] });
  });

  it("when full, halves the series keeping the higher of each pair, then stores one sample per two readings, the higher", () => {
    const { views, writer } = setup();
    const rss = (i: number) => (i === 777 ? 50_000 : 1000 + (i % 3));
    for (let i = 0; i < SAMPLE_CAPACITY + 4; i++) writer.record(i, rss(i));
    const series = readSeries(views);
    expect(series.epochMs).toHaveLength(SAMPLE_CAPACITY / 2 + 2);
    expect(series.rssBytes[777 >> 1]).toBe(50_000 * 1024);
    expect(series.epochMs[777 >> 1]).toBe(777);
    // Readings 2048..2051 became two samples, each the higher of its pair.
    expect(series.epochMs.slice(-2)).toEqual([SAMPLE_CAPACITY, SAMPLE_CAPACITY + 3]);
    expect(Math.max(...series.rssBytes)).toBe(50_000 * 1024);
  });

  it("starts over when the main thread opens a new window", () => {
    const { views, writer } = setup();
    for (let i = 0; i < SAMPLE_CAPACITY + 1; i++) writer.record(i, 1);
    Atomics.store(views.slots, MonitorSlot.sampleCount, 0);
    Atomics.add(views.slots, MonitorSlot.window, 1);
    writer.record(5000, 7);
    writer.record(5005, 8);
    expect(readSeries(views)).toEqual({ epochMs: [5000, 5005], rssBytes: [7 * 1024, 8 * 1024] });
  });
});
