// Drops the generator's "description" texts (the API reference's prose, 3/4 of the bytes) and keeps every
// constraint; writes keys in a stable order so a re-run shows only real changes.
import { readFileSync, writeFileSync } from "node:fs";
const [input, output] = process.argv.slice(2);
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const key of Object.keys(node).sort()) {
    if (key === "description" && typeof node[key] === "string") continue;
    out[key] = strip(node[key]);
  }
  return out;
};
writeFileSync(output, JSON.stringify(strip(JSON.parse(readFileSync(input, "utf8"))), null, 1) + "\n");
