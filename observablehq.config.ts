// Observable Framework configuration. Offline and reproducible build: no web fonts,
// no build date in the footer, every library bundled from node_modules.
import departements from "@etalab/decoupage-administratif/data/departements.json" with {type: "json"};

export default {
  root: "src",
  // Tests build into their own folder from their own warehouse (test/e2e).
  output: process.env.CTG_DIST ?? "dist",
  title: "Observatoire CTG",
  lang: "fr",
  pages: [
    {name: "Territoire et autorités organisatrices", path: "/"},
    {name: "Diagnostic partagé (annexe 1)", path: "/diagnostic"},
    {name: "Comparer des territoires", path: "/comparer"},
    {name: "Petite enfance et couverture", path: "/petite-enfance"},
    {name: "Schéma pluriannuel et projections", path: "/projections"},
    {name: "Méthodologie et sources", path: "/methodologie"}
  ],
  // Per-département commune files, fetched on demand by the pages (not hashed).
  dynamicPaths: departements.flatMap((d: {code: string}) => [`/data/communes/${d.code}.json`, `/data/faits/${d.code}.json`]),
  globalStylesheets: [],
  style: "style.css",
  // Framework 1.13 writes <html> without lang and a viewport with maximum-scale=1 (zoom blocked):
  // set the page's language and let users zoom, before anything renders.
  head: '<link rel="icon" href="data:,"><script>document.documentElement.lang = "fr"; document.querySelector("meta[name=viewport]")?.setAttribute("content", "width=device-width, initial-scale=1");</script>',
  header: "",
  footer: "Observatoire CTG — Caf et collectivités signataires de la Convention territoriale globale. Données : INSEE, DGCL, Cnaf (Licence Ouverte).",
  toc: {label: "Sommaire"},
  search: false,
  pager: false
};
