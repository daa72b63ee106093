import { formatBytes, formatDuration, formatMs } from "./units";

describe("formatDuration (IPython's _format_time)", () => {
  it("picks s, ms, µs or ns with 3 significant digits", () => {
    expect(formatDuration(1.5)).toBe("1.5 s");
    expect(formatDuration(0.0123456)).toBe("12.3 ms");
    expect(formatDuration(0.000456)).toBe("456 µs");
    expect(formatDuration(3.2e-8)).toBe("32 ns");
    expect(formatDuration(0)).toBe("0 ns");
  });

  it("writes a minute or more in d, h, min and s", () => {
    expect(formatDuration(65)).toBe("1min 5s");
    expect(formatDuration(3 * 3600 + 2)).toBe("3h 2s");
  });

  it("formats milliseconds and bytes", () => {
    expect(formatMs(250)).toBe("250 ms");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(5 * 1024 * 1024 + 100_000)).toBe("5.1 MiB");
    expect(formatBytes(-2048)).toBe("-2 KiB");
  });
});
