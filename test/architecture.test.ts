// The pages' own imports (Markdown, which dependency-cruiser does not read): a page lays out
// views and calls the domain; it never reaches the warehouse, the loaders or a CDN.
import {readdirSync, readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";

const SRC = resolve(import.meta.dirname, "../src");
const pages = readdirSync(SRC).filter((f) => f.endsWith(".md"));
const specificateurs = (texte: string) => [...texte.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["']([^"']+)["']/gm)].map((m) => m[1]);

describe("imports des pages (src/*.md)", () => {
  it("il y a des pages à vérifier", () => expect(pages.length).toBeGreaterThanOrEqual(6));
  for (const page of pages) {
    it(`${page} : pages → src/components ou src/lib, bibliothèques par nom nu`, () => {
      const fautifs = specificateurs(readFileSync(resolve(SRC, page), "utf8")).filter(
        (s) => s.startsWith("npm:") || /^https?:/.test(s) || (s.startsWith(".") && !/^\.\/(components|lib)\//.test(s))
      );
      expect(fautifs, `règle pages-vers-composants : ${page} importe ${fautifs.join(", ")}`).toEqual([]);
    });
  }
  it("la règle reconnaît un import interdit", () => {
    expect(specificateurs('import {x} from "../entrepot/lecture.js";\nconst y = await import("npm:d3");')).toEqual(["../entrepot/lecture.js", "npm:d3"]);
  });
});
