// Observable Framework configuration. Offline and reproducible build: no web fonts,
// no build date in the footer, every library bundled from node_modules.
import departements from "@etalab/decoupage-administratif/data/departements.json" with {type: "json"};
import regions from "@etalab/decoupage-administratif/data/regions.json" with {type: "json"};
import {INDICATEURS} from "./src/lib/indicateurs.js";
import {cartographiable} from "./src/lib/cartes.js";
import {clesPossibles} from "./src/lib/index-territoires.js";
import {cleAgregats} from "./src/lib/donnees-territoire.js";
import {empaqueter} from "./scripts/paquets.js";
import {ecrireFichiers} from "./src/data/fichiers.js";

// Each page imports its bundle, src/paquets/<page>/<page>.js (scripts/paquets.ts): made here, before
// Framework reads a page, by every `observable build` and `observable preview` (which keeps it up to date).
// The data files (src/data/fichiers.ts), computed from the warehouse (data/warehouse.duckdb, or CTG_ENTREPOT) unless
// those already there were computed from it by the same code: at the same time (esbuild runs in a process of its own).
await Promise.all([empaqueter({surveiller: process.argv.includes("preview")}), ecrireFichiers()]);

/**
 * Inlined in every page's <head> (a string: the config is transpiled, a function's source would carry helpers):
 * - <html lang="fr">, and zoom allowed (no maximum-scale);
 * - the sidebar toggle named, and its close label moved out of the <ol> (a list holds only items);
 * - Plot's <g aria-label="line"> (not allowed on an element without a role) becomes a named group,
 *   Inputs' range sliders take the label of their form, and the scrolling Inputs.table is focusable.
 */
const ACCESSIBILITE = `
document.documentElement.lang = "fr";
document.querySelector("meta[name=viewport]")?.setAttribute("content", "width=device-width, initial-scale=1");
new MutationObserver(() => {
  const bascule = document.getElementById("observablehq-sidebar-toggle");
  if (bascule && !bascule.hasAttribute("aria-label")) bascule.setAttribute("aria-label", "Afficher ou masquer le menu");
  const fermer = document.getElementById("observablehq-sidebar-close");
  if (fermer && fermer.parentElement && fermer.parentElement.tagName === "OL") fermer.parentElement.before(fermer);
  for (const g of document.querySelectorAll("svg g[aria-label]:not([role])")) g.setAttribute("role", "group");
  for (const r of document.querySelectorAll("input[type=range]:not([aria-label])")) {
    const l = r.closest("form")?.querySelector("label");
    if (l && l.textContent.trim()) r.setAttribute("aria-label", l.textContent.trim());
  }
  for (const t of document.querySelectorAll("form[class$='-table']:not([tabindex])")) {
    t.setAttribute("tabindex", "0");
    t.setAttribute("aria-label", "Tableau défilant");
  }
}).observe(document, {childList: true, subtree: true});`;

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
  // Per-département commune files and contours, the index's commune slices, France's, régions' and départements' figures, national maps and EPCI values, fetched on demand by the pages (not hashed);
  // per-région commune peers (src/data/pairs.zip.ts), fetched when a commune is placed among its peers.
  dynamicPaths: [
    ...departements.flatMap((d: {code: string}) => [`/data/communes/${d.code}.json`, `/data/faits/${d.code}.json`, `/data/contours/${d.code}.json`]),
    ...regions.map((r: {code: string}) => `/data/pairs/communes-${r.code}.json`),
    ...["france", ...regions.map((r: {code: string}) => r.code)].map((c) => `/data/cartes/${c}.json`),
    ...["france", ...regions.map((r: {code: string}) => `region:${r.code}`), ...departements.map((d: {code: string}) => `departement:${d.code}`)].map((id) => `/data/agregats/${cleAgregats(id)}.json`),
    ...INDICATEURS.filter(cartographiable).map((i) => `/data/valeurs-epci/${i.id}.json`),
    // the communes' part of the territory index, in slices fetched as the user types (src/data/index-communes.zip.ts)
    ...clesPossibles(departements.map((d: {code: string}) => d.code)).map((c) => `/data/index-communes/${c}.json`)
  ],
  globalStylesheets: [],
  style: "style.css",
  // Framework 1.13 writes <html> without lang and a viewport with maximum-scale=1 (zoom blocked), and
  // some of its markup and of Plot's and Inputs' fails WCAG checks (axe-core, test/e2e): mended before
  // and as pages render, in one place (see accessibilite below).
  head: `<link rel="icon" href="data:,"><script>${ACCESSIBILITE}</script>`,
  header: "",
  footer: "Observatoire CTG — Caf et collectivités signataires de la Convention territoriale globale. Données : INSEE, DGCL, Cnaf (Licence Ouverte).",
  toc: {label: "Sommaire"},
  search: false,
  pager: false
};
