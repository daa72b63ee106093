/** See kernel-argv.js: plain JavaScript so that install.js needs no build. */
export declare const KERNEL_ARGV: string[];
export declare const MAIN_THREAD_NODE_FLAGS: string[];
