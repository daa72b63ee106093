import { spawn } from "node:child_process";
import { once } from "node:events";
import { kernelParent } from "./parent-watch";

function read(jpyParentPid: string | undefined): { parent: ReturnType<typeof kernelParent>; logged: string[] } {
  const logged: string[] = [];
  return { parent: kernelParent({ JPY_PARENT_PID: jpyParentPid }, (text) => logged.push(text)), logged };
}

test("the kernel ends with the process that started it, and with the one JPY_PARENT_PID names when it runs", () => {
  expect(read(undefined)).toEqual({ parent: { startedBy: process.ppid }, logged: [] });
  expect(read(String(process.pid))).toEqual({ parent: { startedBy: process.ppid, client: process.pid }, logged: [] });
});

test.each(["abc", "0", "-1", "1.5"])("JPY_PARENT_PID=%s is no process id: it is left out, and the log says what to set", (value) => {
  const { parent, logged } = read(value);
  expect(parent).toEqual({ startedBy: process.ppid });
  expect(logged).toEqual([`JPY_PARENT_PID=${value} is not a process id, so the kernel ends only with the process that started it (pid ${process.ppid}); set it to the pid of the client the kernel should end with, or unset it`]);
});

test("a JPY_PARENT_PID whose process has already ended is left out, rather than ending the kernel at once", async () => {
  const ended = spawn(process.execPath, ["-e", ""]);
  await once(ended, "exit");
  const { parent, logged } = read(String(ended.pid));
  expect(parent).toEqual({ startedBy: process.ppid });
  expect(logged[0]).toContain(`JPY_PARENT_PID=${ended.pid} names no running process`);
});
