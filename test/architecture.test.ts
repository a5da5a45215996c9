// The pages' own imports (Markdown, which dependency-cruiser does not read): a page imports only its
// bundle, src/paquets/<page>/<page>.js, built by scripts/paquets.ts from src/components/pages/<page>.ts
// (which dependency-cruiser checks: views and the domain, never the warehouse, the loaders or a CDN).
import {readdirSync, readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";

const SRC = resolve(import.meta.dirname, "../src");
const pages = readdirSync(SRC).filter((f) => f.endsWith(".md"));
const specificateurs = (texte: string) => [...texte.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);
/** The names a page imports (`import {a, b} from …`), and those its entry exports (`export {a} from`, `export * as B from`, `export const C`). */
const importes = (texte: string) => [...texte.matchAll(/^import\s*\{([^}]*)\}\s*from/gm)].flatMap((m) => m[1].split(",").map((n) => n.trim()).filter(Boolean));
const exportes = (texte: string) => [
  ...[...texte.matchAll(/^export\s*\{([^}]*)\}\s*from/gm)].flatMap((m) => m[1].split(",").map((n) => n.trim().split(/\s+as\s+/).pop()!)),
  ...[...texte.matchAll(/^export\s*(?:\*\s*as|const)\s+(\w+)/gm)].map((m) => m[1])
];

describe("imports des pages (src/*.md)", () => {
  it("il y a des pages à vérifier", () => expect(pages.length).toBeGreaterThanOrEqual(6));
  for (const page of pages) {
    const nom = page.slice(0, -".md".length);
    it(`${page} : n'importe que son paquet, ./paquets/${nom}/${nom}.js, qui exporte ce qu'elle en prend, ni plus ni moins`, () => {
      const texte = readFileSync(resolve(SRC, page), "utf8");
      const fautifs = specificateurs(texte).filter((s) => s !== `./paquets/${nom}/${nom}.js`);
      expect(fautifs, `règle pages-vers-paquet : ${page} importe ${fautifs.join(", ")}`).toEqual([]);
      const entree = readFileSync(resolve(SRC, `components/pages/${nom}.ts`), "utf8");
      expect(importes(texte).sort(), `noms importés par ${page} et exportés par src/components/pages/${nom}.ts`).toEqual(exportes(entree).sort());
    });
  }
  it("la règle reconnaît un import interdit", () => {
    expect(specificateurs('import {x} from "../entrepot/lecture.js";\nconst y = await import("npm:d3");')).toEqual(["../entrepot/lecture.js", "npm:d3"]);
  });
});
