/** How many loops a %%timeit run makes when -n is not given. */

/** A run of the chosen count takes at least this long (Python's timeit.Timer.autorange). */
export const MIN_RUN_S = 0.2;
/**
 * The whole default measurement, auto-ranging included, is meant to take under 3 s; its estimate
 * stays under 2.5 s, leaving the rest for compiling and for runs slower than the one that chose.
 */
export const BUDGET_S = 2.5;
/** The largest count tried: -n allows no more. */
export const MAX_LOOPS = 1_000_000_000;

/** 1, 2, 5, 10, 20, 50, ... up to MAX_LOOPS. */
const COUNTS = Array.from({ length: Math.log10(MAX_LOOPS) + 1 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power))
  .flat()
  .filter((loops) => loops <= MAX_LOOPS);

/**
 * Tries 1, 2, 5, 10, 20, 50, ... loops until one run takes at least 0.2 s, as Python's
 * timeit.Timer.autorange does (IPython steps by powers of 10, so a run may take up to 2 s: at
 * 18 ns a loop, `Math.hypot(3, 4)` ran 100,000,000 loops a run, about 15 s in all). That count's run lasts 0.2 to 0.5 s; when `runs` runs of
 * it would take the measurement past BUDGET_S, the count before it is used instead, provided its
 * run lasted at least half of MIN_RUN_S (so one disturbed run cannot shrink the count to a few
 * loops). `timeRun(loops)` makes one run and resolves to its seconds.
 */
export async function autorangeLoops(timeRun: (loops: number) => Promise<number>, runs: number): Promise<number> {
  let spent = 0;
  let previous: { loops: number; seconds: number } | undefined;
  for (let i = 0; ; i++) {
    const loops = COUNTS[i];
    const seconds = await timeRun(loops);
    spent += seconds;
    if (seconds < MIN_RUN_S && i < COUNTS.length - 1) {
      previous = { loops, seconds };
      continue;
    }
    const overBudget = spent + runs * seconds > BUDGET_S;
    return overBudget && previous && previous.seconds >= MIN_RUN_S / 2 ? previous.loops : loops;
  }
}
