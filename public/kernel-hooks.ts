/** What the public API needs from the running kernel; the kernel installs it at start. */
import type { MimeBundle } from "../common/mime-bundle";

export interface KernelHooks {
  display(data: MimeBundle, options: { metadata?: MimeBundle; displayId?: string; update?: boolean }): void;
  clear(wait: boolean): void;
  /** The `session` of the request whose cell is running: the front end its output goes to. */
  clientSession(): string;
  input(prompt: string, password: boolean): Promise<string>;
}

let installed: KernelHooks | undefined;

export function installKernelHooks(hooks: KernelHooks): void {
  installed = hooks;
}

export function kernelHooks(): KernelHooks {
  if (!installed) throw new Error('conclab\'s display API works only inside a running conclab kernel (import it in a notebook cell: import { display } from "conclab")');
  return installed;
}
