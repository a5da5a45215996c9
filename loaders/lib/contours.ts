// Reading one GeoJSON file of commune contours into `contour_commune`: the validation the
// IGN files (loaders/ign-contours.ts) and the geo.api.gouv.fr files (loaders/geo-api-contours.ts)
// share. A FeatureCollection is required; each feature needs a 5-character commune code,
// a name and a Polygon or MultiPolygon geometry (other properties, such as geo.api's
// population and codeEpci, are ignored). Rejected, with the feature's index in the file:
// an invalid feature, a code the 2026 referential does not know, a commune twice in the
// file. A commune another file already drew is kept as it is and counted out of scope:
// the first loader wins, so the order of loaders/chargeurs.ts decides (see there).
import {readFileSync} from "node:fs";
import {z} from "zod";
import type {Contexte} from "./chargeur.js";
import {ErreurChargement} from "./warehouse.js";
import {sha256Fichier, type Rejet} from "./source.js";
import {texteDecode} from "./octets.js";
import type {Publication} from "./bilan.js";
import {surfaceKm2} from "./surface.js";
import type {MultiPolygon, Polygon} from "geojson";

// A position is [longitude, latitude] in WGS84 degrees; a ring has at least four positions and
// ends where it starts (RFC 7946 § 3.1.6): anything else would be drawn wrong or not at all.
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], {error: "position [longitude, latitude] en degrés attendue"}).rest(z.number());
const Anneau = z.array(Position).min(4, "anneau de moins de 4 positions")
  .refine((a) => a[0]![0] === a.at(-1)![0] && a[0]![1] === a.at(-1)![1], "anneau non fermé (la dernière position doit répéter la première)");
const Polygone = z.array(Anneau).min(1, "polygone sans anneau");
const Geometrie = z.discriminatedUnion("type", [
  z.object({type: z.literal("Polygon"), coordinates: Polygone}),
  z.object({type: z.literal("MultiPolygon"), coordinates: z.array(Polygone).min(1, "multipolygone vide")})
]);
const Entite = z.object({type: z.literal("Feature"), properties: z.object({code: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/), nom: z.string()}), geometry: Geometrie});
const Collection = z.object({type: z.literal("FeatureCollection"), features: z.array(z.unknown())});

/** Codes of the 2026 referential's communes (read once per loader). */
export async function communesConnues(ctx: Contexte): Promise<Set<string>> {
  return new Set(((await ctx.conn.runAndReadAll("SELECT code FROM commune")).getRows() as [string][]).map((r) => r[0]));
}

export async function chargerFichierContours(
  ctx: Contexte,
  o: {chemin: string; fichier: string; publication: Publication; connues: Set<string>}
): Promise<{chargees: number; dejaDessinees: number}> {
  const {fichier} = o;
  let brut: unknown;
  try {
    brut = JSON.parse(texteDecode(readFileSync(o.chemin), fichier, "GeoJSON").texte);
  } catch (e) {
    if (e instanceof ErreurChargement) throw e;
    throw new ErreurChargement(`${fichier} : GeoJSON illisible (${(e as Error).message}) : fichier tronqué ou modifié à la main ? Téléchargez-le à nouveau.`, String(e));
  }
  const collection = Collection.safeParse(brut);
  if (!collection.success) throw new ErreurChargement(`${fichier} : une FeatureCollection GeoJSON est attendue.`);
  const deja = new Map(((await ctx.conn.runAndReadAll("SELECT code, source_id FROM contour_commune")).getRows() as [string, string][]));
  const vus = new Set<string>();
  const rejets: Rejet[] = [];
  const autres = new Map<string, number>();
  const app = await ctx.conn.createAppender("contour_commune");
  let chargees = 0;
  collection.data.features.forEach((f, i) => {
    const e = Entite.safeParse(f);
    const code = e.success ? e.data.properties.code : null;
    if (!e.success) rejets.push({fichier, ligne: i + 1, colonne: e.error.issues[0]?.path.join(".") ?? null, valeur: null, motif: `entité invalide : ${e.error.issues[0]?.message}`});
    else if (!o.connues.has(code!)) rejets.push({fichier, ligne: i + 1, colonne: "properties.code", valeur: code, motif: "code commune absent du référentiel (géographie 2026)"});
    else if (vus.has(code!)) rejets.push({fichier, ligne: i + 1, colonne: "properties.code", valeur: code, motif: "commune en double dans le fichier (contour déjà lu plus haut)"});
    else if (deja.has(code!)) {
      vus.add(code!);
      autres.set(deja.get(code!)!, (autres.get(deja.get(code!)!) ?? 0) + 1);
    } else {
      vus.add(code!);
      app.appendVarchar(code!);
      app.appendVarchar(JSON.stringify(e.data.geometry));
      app.appendVarchar(fichier);
      app.appendDouble(surfaceKm2(e.data.geometry as Polygon | MultiPolygon));
      app.endRow();
      chargees++;
    }
  });
  app.closeSync();
  const dejaDessinees = [...autres.values()].reduce((s, n) => s + n, 0);
  await ctx.enregistrer(
    {id: fichier, ...o.publication, fichier, sha256: sha256Fichier(o.chemin),
      lignesLues: collection.data.features.length, lignesChargees: chargees, lignesRejetees: rejets.length, lignesHorsChamp: dejaDessinees,
      note: dejaDessinees ? `Hors champ : ${[...autres].map(([source, n]) => `${n} communes déjà dessinées par ${source}`).join(", ")} (le premier fichier chargé l'emporte).` : undefined},
    rejets
  );
  return {chargees, dejaDessinees};
}
