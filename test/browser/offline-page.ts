/**
 * Debian's chromium driven by playwright-core, with the network cut off: a page may load only
 * from the allowed origin (the test's Notebook server on 127.0.0.1) and from file:// URLs; every
 * other request is aborted and recorded, so a test can say what the page would have needed.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CONCLAB_CHROMIUM ?? "/usr/bin/chromium";

export interface OfflinePage {
  page: Page;
  /** The URLs the page asked for and did not get. */
  blocked: string[];
  close(): Promise<void>;
}

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export function launchChromium(): Promise<Browser> {
  // The installed chromium only: playwright must never download a browser.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-background-networking"] });
}

/** A page in a context of its own (no cookies shared between tests) that reaches only `allowedOrigin` and file:// URLs; `javaScript: false` runs no script, as a static viewer. */
export async function openOfflinePage(browser: Browser, allowedOrigin?: string, options: { javaScript?: boolean } = {}): Promise<OfflinePage> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block", javaScriptEnabled: options.javaScript ?? true });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const allowed = url.startsWith("file://") || (allowedOrigin !== undefined && new URL(url).origin === allowedOrigin);
    if (allowed) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  return { page, blocked, close: () => context.close() };
}
