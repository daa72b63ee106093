import * as os from "node:os";
import type { MachineInfo, RuntimeInfo } from "../result/experiment-result";

/** The machine this kernel runs on, as results record it. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    node: process.versions.node,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Node, as the results of the TypeScript magics record the runtime that ran the body. */
export function nodeRuntime(): RuntimeInfo {
  return { implementation: "node", version: process.versions.node };
}
