/** The kernel_info_reply content: static, so the I/O thread answers it without waiting for the main thread. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../common/package-paths";
import { PROTOCOL_VERSION } from "../protocol/messages";


function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

export function kernelInfo(): Record<string, unknown> {
  const version = versionOf(path.join(PACKAGE_ROOT, "package.json"));
  const typescriptVersion = versionOf(require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [path.dirname(require.resolve("tslab/package.json"))] }));
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "conclab",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: typescriptVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { name: "javascript", typescript: true },
      pygments_lexer: "typescript",
    },
    banner: `conclab ${version}: TypeScript ${typescriptVersion} on Node.js ${process.version}, with concurrency magics (%lsmagic lists them)`,
    help_links: [
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js worker_threads", url: "https://nodejs.org/api/worker_threads.html" },
    ],
    debugger: false,
  };
}
