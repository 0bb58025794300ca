/**
 * Sessions opened on first use: never opened when nothing renders, opened once, closed once.
 */
import { describe, expect, it } from "vitest";
import { lazySession } from "../src/build/sessions.js";
import type { FormatSession, RenderInput } from "../src/render/formats.js";

const input = {} as RenderInput;

describe("lazySession", () => {
  it("does not open when nothing renders, and closing it is then a no-op", async () => {
    let opened = 0;
    const s = lazySession(async () => {
      opened += 1;
      return { render: async () => "x", close: async () => {} };
    });
    await s.close();
    expect(opened).toBe(0);
    expect(s.opened()).toBe(false);
  });

  it("opens once for concurrent renders and closes what it opened", async () => {
    let opened = 0;
    let closed = 0;
    const s = lazySession(async (): Promise<FormatSession> => {
      opened += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { render: async () => `r${opened}`, close: async () => void (closed += 1) };
    });
    expect(await Promise.all([s.render(input), s.render(input), s.render(input)])).toEqual(["r1", "r1", "r1"]);
    await s.close();
    expect([opened, closed]).toEqual([1, 1]);
  });

  it("reports a failure to open on render, and close does not throw it again", async () => {
    const s = lazySession(async () => {
      throw new Error("no browser");
    });
    await expect(s.render(input)).rejects.toThrow("no browser");
    await expect(s.close()).resolves.toBeUndefined();
  });
});
