import { defineMagic } from "../framework/magic";
import { formatDuration } from "../../common/units";

/** IPython shows the compile time only when it is worth mentioning. */
const SHOW_COMPILE_OVER_S = 0.1;

export const timeMagic = defineMagic({
  name: "time",
  summary: "time the cell once: CPU (user, system) and wall time, like IPython",
  lineSummary: "time one statement once: CPU and wall time, then its value (%%time times a cell)",
  description:
    "Runs the cell as plain TypeScript (top-level await works; its variables stay in the notebook) and prints CPU times and wall time like IPython's %%time, " +
    "from the start of the cell's run to its end (type-checking is timed apart, shown when over 0.1 s). The cell's value is shown as usual.",
  options: {},
  async run(_options, body, ctx) {
    const calledAt = process.hrtime.bigint();
    const run = ctx.compilePlainCell(body);
    const started = { wall: process.hrtime.bigint(), cpu: process.cpuUsage() };
    const value = await run();
    const wall = Number(process.hrtime.bigint() - started.wall) / 1e9;
    const cpu = process.cpuUsage(started.cpu);
    const compile = Number(started.wall - calledAt) / 1e9;
    const [user, sys] = [cpu.user / 1e6, cpu.system / 1e6];
    ctx.stdout(
      `CPU times: user ${formatDuration(user)}, sys: ${formatDuration(sys)}, total: ${formatDuration(user + sys)}\nWall time: ${formatDuration(wall)}\n` +
        (compile > SHOW_COMPILE_OVER_S ? `Compiler time: ${formatDuration(compile)}\n` : ""),
    );
    return value;
  },
});
