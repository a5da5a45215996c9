// Commune contours (IGN ADMIN EXPRESS, GeoJSON WGS84) for the maps of member communes.
// Any `communes-*.geojson` of the sources folder (or of its ign-communes-* subfolders) is read;
// a feature whose code is not a 2026 commune is rejected with its index in the file.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {z} from "zod";
import type {Chargeur} from "./lib/warehouse.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";

const Geometrie = z.object({type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()).min(1)});
const Entite = z.object({type: z.literal("Feature"), properties: z.object({code: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/), nom: z.string()}), geometry: Geometrie});
const Collection = z.object({type: z.literal("FeatureCollection"), features: z.array(z.unknown())});

export function fichiersContours(sources: string): string[] {
  if (!existsSync(sources)) return [];
  const dossiers = [sources, ...readdirSync(sources).filter((d) => d.startsWith("ign-communes")).map((d) => join(sources, d))];
  return dossiers.flatMap((d) => readdirSync(d).filter((f) => /^communes-.*\.geojson$/.test(f)).map((f) => join(d, f))).sort();
}

export const chargeurContours: Chargeur = {
  id: "ign-contours",
  libelle: "IGN, contours des communes (cartes)",
  async charger(ctx) {
    const fichiers = fichiersContours(ctx.sources);
    if (!fichiers.length) ctx.log("      aucun fichier communes-*.geojson dans le dossier de sources : pas de carte.");
    const connues = new Set(((await ctx.conn.runAndReadAll("SELECT code FROM commune")).getRows() as [string][]).map((r) => r[0]));
    for (const chemin of fichiers) {
      const fichier = relative(ctx.sources, chemin);
      let brut: unknown;
      try {
        brut = JSON.parse(readFileSync(chemin, "utf8"));
      } catch (e) {
        throw new ErreurChargement(`${fichier} : GeoJSON illisible.`, String(e));
      }
      const collection = Collection.safeParse(brut);
      if (!collection.success) throw new ErreurChargement(`${fichier} : une FeatureCollection GeoJSON est attendue.`);
      const rejets: Rejet[] = [];
      const app = await ctx.conn.createAppender("contour_commune");
      let chargees = 0;
      collection.data.features.forEach((f, i) => {
        const e = Entite.safeParse(f);
        const code = e.success ? e.data.properties.code : null;
        if (!e.success) rejets.push({fichier, ligne: i + 1, colonne: e.error.issues[0]?.path.join(".") ?? null, valeur: null, motif: `entité invalide : ${e.error.issues[0]?.message}`});
        else if (!connues.has(code!)) rejets.push({fichier, ligne: i + 1, colonne: "properties.code", valeur: code, motif: "code commune absent du référentiel (géographie 2026)"});
        else {
          app.appendVarchar(code!);
          app.appendVarchar(JSON.stringify(e.data.geometry));
          app.appendVarchar(fichier);
          app.endRow();
          chargees++;
        }
      });
      app.closeSync();
      await ctx.enregistrer(
        {id: fichier, editeur: "IGN, ADMIN EXPRESS (contours simplifiés)", titre: "Contours des communes", url: "https://geoservices.ign.fr/adminexpress",
          millesime: "voir le fichier", fichier, sha256: sha256Fichier(chemin), lignesLues: collection.data.features.length, lignesChargees: chargees, lignesRejetees: rejets.length},
        rejets
      );
    }
  }
};
