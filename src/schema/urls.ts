/**
 * Checks on source URLs: only http(s), and a warning for addresses on local or private networks.
 */
import { isIP } from "node:net";

/** Why a URL is refused, by message id (the wordings are the `source-url` rule's messages). */
export type UrlProblemId = "lineBreak" | "space" | "blank" | "invalid" | "scheme" | "credentials";

/** Why a URL is refused, or undefined when it is an acceptable http(s) URL. */
export function urlProblem(url: string): { messageId: UrlProblemId; data?: Record<string, string>; hint: string } | undefined {
  // new URL() silently drops tabs and newlines and encodes spaces: refuse them instead.
  // eslint-disable-next-line no-control-regex
  const blank = /[\s\u0000-\u001f\u007f]/u.exec(url);
  if (blank) {
    const messageId = blank[0] === "\n" || blank[0] === "\r" ? "lineBreak" : blank[0] === " " ? "space" : "blank";
    return { messageId, hint: "write the address on one line without spaces; encode a space in a path as %20" };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { messageId: "invalid", data: { url }, hint: "write a full address starting with https://" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return {
      messageId: "scheme",
      data: { protocol: parsed.protocol },
      hint: "link to the published source with https://, or drop `url` and describe the source in `title`/`note`",
    };
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return { messageId: "credentials", hint: "remove the credentials from the link" };
  }
  return undefined;
}

function privateIPv4(host: string): boolean {
  const [a, b] = host.split(".").map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** True when an http(s) URL points at this machine or a private network. */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost" || bare.endsWith(".localhost") || bare.endsWith(".local") || bare.endsWith(".internal") || bare.endsWith(".lan")) return true;
  const kind = isIP(bare);
  if (kind === 4) return privateIPv4(bare);
  if (kind === 6) return bare === "::1" || bare === "::" || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || /^::ffff:/.test(bare);
  return !bare.includes(".");
}
