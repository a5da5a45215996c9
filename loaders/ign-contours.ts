// Commune contours (IGN ADMIN EXPRESS, GeoJSON WGS84) for the maps of member communes.
// Any `communes-*.geojson` of the sources folder (or of its ign-communes-* subfolders) is read;
// a feature whose code is not a 2026 commune is rejected with its index in the file.
// Validation and writing are shared with the geo.api.gouv.fr contours (lib/contours.ts):
// a commune geo.api.gouv.fr already drew keeps that contour (see loaders/chargeurs.ts).
import {existsSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import type {Chargeur} from "./lib/chargeur.js";
import {chargerFichierContours, communesConnues} from "./lib/contours.js";
import {nomPublie} from "./lib/fichiers-source.js";

export function fichiersContours(sources: string | null): string[] {
  if (!sources || !existsSync(sources)) return [];
  const dossiers = [sources, ...readdirSync(sources).filter((d) => d.startsWith("ign-communes")).map((d) => join(sources, d))];
  return dossiers.flatMap((d) => readdirSync(d).filter((f) => /^communes-.*\.geojson$/i.test(nomPublie(f))).map((f) => join(d, f))).sort();
}

export const chargeurContours: Chargeur = {
  id: "ign-contours",
  libelle: "IGN, contours des communes (cartes)",
  async charger(ctx) {
    const fichiers = fichiersContours(ctx.sources);
    if (!fichiers.length) ctx.log("      aucun fichier communes-*.geojson dans le dossier de sources : pas de carte.");
    const connues = await communesConnues(ctx);
    for (const chemin of fichiers) {
      await chargerFichierContours(ctx, {
        chemin, fichier: relative(ctx.sources!, chemin), connues,
        publication: {editeur: "IGN, ADMIN EXPRESS (contours simplifiés)", titre: "Contours des communes", url: "https://geoservices.ign.fr/adminexpress", millesime: "voir le fichier"}
      });
    }
  }
};
