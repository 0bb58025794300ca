import { writeFileSync, mkdirSync } from "node:fs";
import { basename } from "node:path";
import { it } from "vitest";
import { exampleBriefs } from "./helpers/pdf-examples.js";
import { sampleBrief } from "./fixtures/brief-sample.js";
import { renderHtml } from "../src/render/html/render.js";
import { openPdfSession } from "../src/render/pdf/session.js";
it("scratch", async () => {
  mkdirSync("/tmp/ys/ex", { recursive: true });
  const s = await openPdfSession({ browser: "/usr/bin/chromium", jobs: 2 });
  for (const { file, brief } of [...exampleBriefs(), { file: "sample.yaml", brief: sampleBrief() }]) {
    const r = await s.render(brief);
    const name = basename(file, ".yaml");
    writeFileSync(`/tmp/ys/ex/${name}.pdf`, r.bytes);
    writeFileSync(`/tmp/ys/ex/${name}.html`, renderHtml(brief));
    console.log(name, r.pages, r.bytes.length, r.blocked);
  }
  await s.close();
}, 60000);
