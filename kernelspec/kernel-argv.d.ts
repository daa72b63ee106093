/** See kernel-argv.js: plain JavaScript so that install.js needs no build. */
export declare const KERNEL_ARGV: string[];
