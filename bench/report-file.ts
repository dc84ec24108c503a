import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const FILE = "docs/benchmark.md";

/** Replaces (or appends) one named section of docs/benchmark.md, so each bench part keeps the others' figures. */
export function writeSection(name: string, text: string): void {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const block = `${begin}\n${text.trimEnd()}\n${end}\n`;
  mkdirSync("docs", { recursive: true });
  const current = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length + 1)
      : `${current.trimEnd()}\n\n${block}`;
  writeFileSync(FILE, next.trimStart());
}
