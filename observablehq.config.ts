// Observable Framework configuration. Offline and reproducible build: no web fonts,
// no build date in the footer, every library bundled from node_modules.
import departements from "@etalab/decoupage-administratif/data/departements.json" with {type: "json"};
import regions from "@etalab/decoupage-administratif/data/regions.json" with {type: "json"};
import {INDICATEURS} from "./src/lib/indicateurs.js";
import {cartographiable} from "./src/lib/cartes.js";

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
  // Per-département commune files, France's and régions' figures, national maps and EPCI values, fetched on demand by the pages (not hashed).
  dynamicPaths: [
    ...departements.flatMap((d: {code: string}) => [`/data/communes/${d.code}.json`, `/data/faits/${d.code}.json`]),
    ...["france", ...regions.map((r: {code: string}) => r.code)].flatMap((c) => [`/data/cartes/${c}.json`, `/data/agregats/${c}.json`]),
    ...INDICATEURS.filter(cartographiable).map((i) => `/data/valeurs-epci/${i.id}.json`)
  ],
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  header: "",
  footer: "Observatoire CTG — Caf et collectivités signataires de la Convention territoriale globale. Données : INSEE, DGCL, Cnaf (Licence Ouverte).",
  toc: {label: "Sommaire"},
  search: false,
  pager: false
};
