#!/usr/bin/env node
// The text PDF.js (Firefox's viewer, and countless web apps) extracts from a
// PDF: getTextContent() of every page, the items' `str` concatenated in
// order and a newline after each item with `hasEOL` — what a reader gets by
// selecting a page and copying it, and what PDF.js's find bar searches.
//
// Usage: node tools/pdfjs_text.mjs FILE.pdf
// Prints JSON on stdout: {"pdfjs": VERSION, "pages": ["text of page 1", ...]}.
// Exit 1 when the PDF cannot be read, 2 on bad usage.
//
// pdfjs-dist is resolved from $WARRAQ_NODE/node_modules (tools/env.sh), else
// /opt/warraq-node/node_modules; its legacy build is the one meant for Node.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const file = process.argv[2];
if (!file || process.argv.length !== 3) {
  console.error("usage: node tools/pdfjs_text.mjs FILE.pdf");
  process.exit(2);
}

const nodeDir = process.env.WARRAQ_NODE || "/opt/warraq-node";
const require = createRequire(path.join(nodeDir, "package.json"));
let pdfjs;
try {
  const entry = require.resolve("pdfjs-dist/legacy/build/pdf.mjs");
  pdfjs = await import(pathToFileURL(entry).href);
} catch (e) {
  console.error(`pdfjs_text: pdfjs-dist not found under ${nodeDir} (run .ci/setup): ${e.message}`);
  process.exit(2);
}

// PDF.js warns on stdout-free console; keep stdout for the JSON only.
const data = new Uint8Array(await readFile(file));
try {
  const doc = await pdfjs.getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = "";
    for (const item of content.items) {
      if (typeof item.str !== "string") continue; // marked-content markers
      text += item.str;
      if (item.hasEOL) text += "\n";
    }
    pages.push(text);
    page.cleanup();
  }
  await doc.destroy();
  process.stdout.write(JSON.stringify({ pdfjs: pdfjs.version, pages }) + "\n");
} catch (e) {
  console.error(`pdfjs_text: ${file}: ${e && e.message ? e.message : e}`);
  process.exit(1);
}
