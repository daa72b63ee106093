const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to place in HTML content or in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** JSON made safe to place inside a <script> element: no "</script>", "<!--" or line separators can end or confuse it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** JavaScript source made safe to inline in a <script> element: "</script" and "<!--" only occur inside its strings, regexps and comments, where "\x3C" means "<". */
export function scriptForInline(source: string): string {
  return source.replace(/<(\/script|!--)/gi, "\\x3C$1");
}
