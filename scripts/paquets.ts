// One JavaScript bundle per page. Framework 1.13 serves every local module (src/components, src/lib)
// as its own file and every package the way npm ships it (the `d3` umbrella alone is some thirty
// `d3-*` files): ~80 requests before a page could draw. esbuild bundles what each page imports
// (its entry, src/components/pages/<page>.ts) into src/paquets/<page>.js, minified, with the code
// that several pages share in common chunks and what is imported on click (docx, write-excel-file,
// fflate) in chunks of its own, fetched then. The page imports its bundle, Framework serves it.
//
// Run from observablehq.config.ts, so `observable build` and `observable preview` (npm run build,
// npm run dev, the browser tests, the bench) all bundle first; preview keeps esbuild watching.
import {readdirSync, rmSync} from "node:fs";
import {basename, resolve} from "node:path";
import * as esbuild from "esbuild";

const RACINE = resolve(import.meta.dirname, "..");
export const ENTREES = resolve(RACINE, "src/components/pages");
export const PAQUETS = resolve(RACINE, "src/paquets");

/**
 * One esbuild run per page, each into its own folder: splitting then only cuts what the page
 * imports on click into chunks of their own (and what those share with the page into one common
 * chunk), so a page's first load is its bundle and one or two chunks. Pages share no chunk: a
 * split across six pages made a chunk per combination of pages, 9 to 15 files per page.
 */
function options(page: string): esbuild.BuildOptions {
  return {
    entryPoints: {[page]: resolve(ENTREES, `${page}.ts`)},
    outdir: resolve(PAQUETS, page),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    chunkNames: "commun-[hash]",
    // Framework's own modules stay Framework's to resolve.
    external: ["observablehq:*", "npm:*"],
    absWorkingDir: RACINE,
    logLevel: "warning"
  };
}

let surveille = false;

/** Writes src/paquets/ afresh; with `surveiller`, keeps rebuilding it as the sources change (preview). */
export async function empaqueter({surveiller = false} = {}): Promise<void> {
  if (surveille) return; // preview reads its config again when it changes: esbuild is already watching
  surveille = surveiller;
  rmSync(PAQUETS, {recursive: true, force: true});
  const pages = readdirSync(ENTREES).filter((f) => f.endsWith(".ts")).map((f) => basename(f, ".ts"));
  await Promise.all(pages.map(async (page) => {
    if (!surveiller) return void await esbuild.build(options(page));
    const contexte = await esbuild.context(options(page));
    await contexte.rebuild();
    await contexte.watch();
  }));
}

// `npx tsx scripts/paquets.ts`: bundle once, without building the site.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await empaqueter();
