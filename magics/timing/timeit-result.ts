import { mean, standardDeviation } from "../statistics/statistics";
import { JUPYTER_DISPLAY } from "../../common/mime-bundle";
import { formatDuration } from "../../common/units";

/** What %%timeit -o returns, like IPython's TimeitResult. Times in seconds. */
export class TimeitResult {
  /** Seconds per loop, one per run. */
  readonly timings: number[];

  constructor(
    /** Loops per run. */
    readonly loops: number,
    /** Runs. */
    readonly repeat: number,
    /** Total seconds of each run. */
    readonly allRuns: number[],
    /** Seconds the cell took to type-check and compile. */
    readonly compileTime: number,
    private readonly precision = 3,
  ) {
    this.timings = allRuns.map((t) => t / loops);
  }

  /** Seconds per loop of the fastest run. */
  get best(): number {
    return Math.min(...this.timings);
  }

  get worst(): number {
    return Math.max(...this.timings);
  }

  /** Mean seconds per loop over the runs. */
  get average(): number {
    return mean(this.timings);
  }

  /** Standard deviation of the seconds per loop (population, as IPython). */
  get stdev(): number {
    return standardDeviation(this.timings);
  }

  /** "12.3 ms ± 0.4 ms per loop (mean ± std. dev. of 7 runs, 10 loops each)" */
  toString(): string {
    const runs = `${this.repeat} run${this.repeat === 1 ? "" : "s"}`;
    const loops = `${this.loops.toLocaleString("en-US")} loop${this.loops === 1 ? "" : "s"}`;
    return `${formatDuration(this.average, this.precision)} ± ${formatDuration(this.stdev, this.precision)} per loop (mean ± std. dev. of ${runs}, ${loops} each)`;
  }

  /** IPython's hint when the runs disagree a lot; undefined when they do not. */
  cachingWarning(): string | undefined {
    const { best, worst } = this;
    if (!(worst > 4 * best && best > 0 && worst > 1e-6)) return undefined;
    return `The slowest run took ${(worst / best).toFixed(2)} times longer than the fastest. This could mean that an intermediate result is being cached.`;
  }

  [JUPYTER_DISPLAY](): Record<string, unknown> {
    return { "text/plain": `<TimeitResult : ${this.toString()}>` };
  }
}
