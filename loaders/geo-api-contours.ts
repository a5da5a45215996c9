// Commune contours from geo.api.gouv.fr (Etalab's API of the administrative divisions,
// contours from IGN ADMIN EXPRESS COG), one GeoJSON FeatureCollection per département:
// `/departements/<dep>/communes?format=geojson&geometry=contour&fields=code,nom,population,codeEpci`.
// `--refresh` fetches all of them into `geo-api-communes/geo-api-communes-<dep>.geojson`
// (the names keep them away from the IGN loader's `communes-*.geojson` pattern); the
// shared reader (lib/contours.ts) validates and writes them into `contour_commune`.
//
// Known (notes/data-sources.md § 5, seen): features carry `code`, `nom`, `population`,
// `codeEpci`; EPCI have no contour of their own (the maps draw them as the union of their
// communes). Not checked offline: that every département of metropolitan France and the
// DROM answers (the collectivités d'outre-mer 975, 977, 978, 98x are not asked: the
// referential has no commune there), and the served geography's vintage, which follows
// the current COG (recorded as such in the source row).
//
// Which contour wins when an IGN file also draws the commune: this one. geo.api.gouv.fr
// serves the current geography, the one of the 2026 referential, while the IGN files an
// analyst drops can be of any edition (those of ../shared/data are ADMIN EXPRESS 2018): a
// commune nouvelle that kept a predecessor's code would be drawn with the predecessor's
// smaller shape. This loader therefore runs before the IGN one (loaders/chargeurs.ts) and
// the shared reader keeps the first contour loaded, counting the other out of scope.
import {createRequire} from "node:module";
import {readFileSync} from "node:fs";
import type {Chargeur} from "./lib/chargeur.js";
import type {Telechargement} from "./lib/chargeur.js";
import {chercherFichiers, messageAbsent} from "./lib/fichiers-source.js";
import {chargerFichierContours, communesConnues} from "./lib/contours.js";

export const GEO_API = "https://geo.api.gouv.fr";
export const DOSSIER_GEO_API = "geo-api-communes";

/** Départements of metropolitan France and the DROM, from the referential package (`zone` metro or drom). */
export const DEPARTEMENTS_GEO_API: readonly string[] = (() => {
  const chemin = createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/data/departements.json");
  const deps = JSON.parse(readFileSync(chemin, "utf8")) as {code: string; zone?: string}[];
  return deps.filter((d) => d.zone === "metro" || d.zone === "drom").map((d) => d.code);
})();

export const urlContoursDepartement = (base: string, dep: string) =>
  `${base.replace(/\/$/, "")}/departements/${encodeURIComponent(dep)}/communes?format=geojson&geometry=contour&fields=code,nom,population,codeEpci`;

export const fichierContoursDepartement = (dep: string) => `${DOSSIER_GEO_API}/geo-api-communes-${dep}.geojson`;

export function telechargementsGeoApi(base = GEO_API, departements: readonly string[] = DEPARTEMENTS_GEO_API): Telechargement[] {
  return departements.map((dep) => ({url: urlContoursDepartement(base, dep), fichier: fichierContoursDepartement(dep)}));
}

export const chargeurGeoApiContours: Chargeur = {
  id: "geo-api-contours",
  libelle: "geo.api.gouv.fr, contours des communes par département (cartes)",
  telechargements: telechargementsGeoApi(),
  async charger(ctx) {
    const fichiers = chercherFichiers(ctx.sources, {dossier: /^geo-api-communes/i, fichier: /^geo-api-communes-([0-9]{2,3}|2[AB])\.geojson$/i});
    if (!fichiers.length) return ctx.log(messageAbsent(`${DOSSIER_GEO_API}/geo-api-communes-<département>.geojson`, "contours geo.api.gouv.fr non chargés"));
    const connues = await communesConnues(ctx);
    for (const f of fichiers) {
      const dep = f.groupes[0]!.toUpperCase();
      await chargerFichierContours(ctx, {
        chemin: f.chemin, fichier: f.relatif, connues,
        publication: {
          editeur: "Etalab, geo.api.gouv.fr (contours IGN ADMIN EXPRESS COG)", titre: `Contours des communes du département ${dep}`,
          url: urlContoursDepartement(GEO_API, dep), millesime: "géographie en vigueur au téléchargement"
        }
      });
    }
  }
};
