/**
 * Escaping for the reports. Every piece of text that comes from the data goes through one of
 * these before it reaches HTML, SVG, a script block or Markdown.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = Object.freeze({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" });

/** Characters XML 1.0 (and so SVG) cannot hold, and that HTML shows as garbage. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escape text for HTML or SVG content and attribute values (`&`, `<`, `>`, quotes); control
 * characters become U+FFFD.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "wildtrace";
 * escapeHtml("<script>alert(1)</script>"); // "&lt;script&gt;alert(1)&lt;/script&gt;"
 * ```
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? "")
    .replace(CONTROL, "\uFFFD")
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the line separators
 * U+2028/U+2029 written as `\u` escapes, so no value can close the script or open a comment.
 *
 * @example
 * ```ts
 * import { jsonForScript } from "wildtrace";
 * jsonForScript({ name: "</script><script>alert(1)</script>" });
 * // '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
 * ```
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Escape text for a Markdown paragraph or table cell: HTML-significant characters as entities,
 * Markdown punctuation backslash-escaped, `|` escaped, line breaks folded into spaces.
 *
 * @example
 * ```ts
 * import { escapeMarkdown } from "wildtrace";
 * escapeMarkdown("*Kilwa* | <b>"); // "\\*Kilwa\\* \\| &lt;b&gt;"
 * ```
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? "")
    .replace(CONTROL, "\uFFFD")
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-=+#>!])/, "$1\\$2")
    .replace(/^(\s*\d+)\./, "$1\\.");
}

/**
 * An amount with thousands separators and two decimals, the same in every locale.
 *
 * @example
 * ```ts
 * import { formatAmount } from "wildtrace";
 * formatAmount(1234567.891); // "1,234,567.89"
 * ```
 */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return "";
  const neg = value < 0;
  const [int, dec] = Math.abs(value).toFixed(2).split(".");
  return `${neg ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${dec}`;
}
