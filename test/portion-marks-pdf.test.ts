/**
 * Portion marks and the computed banner in the PDF: the text read back with pdfjs.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { checkText } from "../src/check/check.js";
import { defaultConfig, parseConfig } from "../src/config/load.js";
import { openPdfSession, type PdfSession } from "../src/render/pdf/session.js";
import type { Assessment } from "../src/schema/assessment.js";
import { browserVariants, pdfContent, squash } from "./helpers/pdf-examples.js";

const MIXED = readFileSync(resolve(import.meta.dirname, "fixtures/markings/mixed.yaml"), "utf8");
const MARKS = parseConfig("show:\n  portionMarks: true\n", "/tmp/yardstick.config.yaml");

function checked(yaml: string): Assessment {
  const result = checkText(yaml, "/tmp/mixed.yaml", MARKS);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.assessment!;
}

const [system] = browserVariants();

describe.runIf(system !== undefined)("portion marks in the PDF", () => {
  let session: PdfSession;
  beforeAll(async () => {
    session = await openPdfSession({ ...system!.options, jobs: 1 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("prints each mark before its portion's text, and the computed banner", async () => {
    const brief = toBrief(checked(MIXED), MARKS);
    const text = squash((await pdfContent((await session.render(brief)).bytes)).pages.join(" "));
    expect(text).toContain(squash("(O) [TLP:GREEN] It is likely that smuggling routes will expand"));
    expect(text).toContain(squash("(O) [TLP:GREEN] Patrols found three new routes in February."));
    expect(text).toContain(squash("(S) [TLP:AMBER] SENTINEL-EVIDENCE-TEXT-2"));
    expect(text).toContain(squash("(O) [TLP:CLEAR] It is unlikely that fuel prices"));
    const { marking: _m, ...unbannered } = checked(MIXED);
    const computed = toBrief(unbannered, defaultConfig("/tmp"));
    const plain = squash((await pdfContent((await session.render(computed)).bytes)).pages.join(" "));
    // The banner is computed (SECRET · TLP:RED) and printed, and no portion mark is.
    expect(computed.marking?.text).toBe("SECRET · TLP:RED");
    expect(plain).toContain(squash("Marking: SECRET TLP:RED"));
    expect(plain).toContain(squash("SECRET · TLP:RED"));
    expect(plain).not.toContain(squash("(O) [TLP:GREEN]"));
  });
});
