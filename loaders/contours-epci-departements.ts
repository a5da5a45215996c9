// EPCI and département contours, 2025 geography, metropolitan France (quantized TopoJSON),
// for the national maps (src/data/cartes.zip.ts). Folder contours-epci-departements-* of
// the sources: nodom_epci_*.topojson (property EPCI) and nodom_departement_*.topojson
// (property code_insee); see its PROVENANCE.md. Checked before writing: a Topology with a
// transform, Polygon/MultiPolygon geometries whose arc indices exist and whose rings close.
// A code the 2026 referential does not know is out of scope, said with its index in the
// file: in the EPCI file the 11 territoires of the Métropole du Grand Paris and Paris
// (75056) overlap the Métropole (200054781), which is an EPCI and is the one drawn.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {z} from "zod";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {texteDecode} from "./lib/octets.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";
import {arcsUtilises, decoder, type GeometrieTopo, type Topologie} from "../src/lib/topologie.js";
import {feature} from "topojson-client";
import type {GeometryObject, Topology} from "topojson-specification";
import type {Feature, MultiPolygon, Polygon} from "geojson";
import {surfaceKm2} from "./lib/surface.js";

const Point = z.tuple([z.number().int(), z.number().int()]);
const Topo = z.object({
  type: z.literal("Topology"),
  transform: z.object({scale: z.tuple([z.number().positive(), z.number().positive()]), translate: z.tuple([z.number(), z.number()])}),
  arcs: z.array(z.array(Point).min(2)),
  objects: z.record(z.string(), z.object({type: z.literal("GeometryCollection"), geometries: z.array(z.unknown())}))
});
const Geometrie = z.union([
  z.object({type: z.literal("Polygon"), arcs: z.array(z.array(z.number().int()).min(1)).min(1), properties: z.record(z.string(), z.unknown())}),
  z.object({type: z.literal("MultiPolygon"), arcs: z.array(z.array(z.array(z.number().int()).min(1)).min(1)).min(1), properties: z.record(z.string(), z.unknown())})
]);

const NIVEAUX = [
  {niveau: "epci", motif: /^nodom_epci_\d{4}\.topojson$/, propriete: "EPCI", table: "epci", titre: "Contours des EPCI"},
  {niveau: "departement", motif: /^nodom_departement_\d{4}\.topojson$/, propriete: "code_insee", table: "departement", titre: "Contours des départements"}
] as const;

const MGP = "200054781";

/** Whether every ring of `g` is closed once its arcs are decoded (the last point of each arc is the first of the next). */
function anneauxFermes(topo: Topologie, g: GeometrieTopo): boolean {
  const bouts = (a: number): [string, string] => {
    const pts = decoder(topo.arcs[a < 0 ? ~a : a]!).map((p) => p.join());
    return a < 0 ? [pts.at(-1)!, pts[0]!] : [pts[0]!, pts.at(-1)!];
  };
  const anneaux = g.type === "Polygon" ? (g.arcs as number[][]) : (g.arcs as number[][][]).flat();
  return anneaux.every((r) => r.every((a, i) => bouts(a)[1] === bouts(r[(i + 1) % r.length]!)[0]));
}

async function chargerTopologie(ctx: Contexte, chemin: string, n: (typeof NIVEAUX)[number]): Promise<void> {
  const fichier = relative(ctx.sources!, chemin);
  let brut: unknown;
  try {
    brut = JSON.parse(texteDecode(readFileSync(chemin), fichier, "TopoJSON").texte);
  } catch (e) {
    if (e instanceof ErreurChargement) throw e;
    throw new ErreurChargement(`${fichier} : TopoJSON illisible (${(e as Error).message}) : fichier tronqué ou modifié à la main ? Téléchargez-le à nouveau.`, String(e));
  }
  const t = Topo.safeParse(brut);
  if (!t.success) throw new ErreurChargement(`${fichier} : une topologie TopoJSON quantifiée est attendue (${t.error.issues[0]?.path.join(".")} : ${t.error.issues[0]?.message}).`);
  const topo = t.data as Topologie;
  const geometries = Object.values(t.data.objects).flatMap((o) => o.geometries);
  const connus = new Set(((await ctx.conn.runAndReadAll(`SELECT code FROM ${n.table}`)).getRows() as [string][]).map((r) => r[0]));
  const rejets: Rejet[] = [];
  const horsChamp: string[] = [];
  const vus = new Set<string>();
  const app = await ctx.conn.createAppender("contour_zone");
  geometries.forEach((brute, i) => {
    const g = Geometrie.safeParse(brute);
    const code = g.success ? String(g.data.properties[n.propriete] ?? "") : "";
    const rejet = (colonne: string | null, motif: string) => rejets.push({fichier, ligne: i + 1, colonne, valeur: code || null, motif});
    // zod's union message ("Invalid input") says nothing to a user: say what is expected.
    if (!g.success) return rejet(g.error.issues[0]?.path.join(".") || null, "géométrie invalide : un Polygon ou un MultiPolygon aux indices d'arcs entiers, avec ses propriétés, est attendu");
    const geo = g.data as GeometrieTopo;
    if (arcsUtilises(geo).some((a) => a >= topo.arcs.length)) return rejet("arcs", "indice d'arc absent de la topologie");
    if (!anneauxFermes(topo, geo)) return rejet("arcs", "anneau non fermé");
    if (!connus.has(code)) return void horsChamp.push(code);
    if (vus.has(code)) return rejet(`properties.${n.propriete}`, "territoire en double dans le fichier");
    vus.add(code);
    app.appendVarchar(n.niveau);
    app.appendVarchar(code);
    app.appendVarchar(fichier);
    app.appendVarchar(JSON.stringify({type: geo.type, arcs: geo.arcs}));
    app.appendDouble(surfaceKm2((feature(topo as unknown as Topology, {...geo, properties: {}} as GeometryObject) as Feature).geometry as Polygon | MultiPolygon));
    app.endRow();
  });
  app.closeSync();
  await ctx.conn.run("INSERT INTO topologie VALUES ($1, $2, $3, $4)", [fichier, JSON.stringify(topo.transform), JSON.stringify(topo.arcs), fichier]);
  const mgp = n.niveau === "epci" && vus.has(MGP) ? " La Métropole du Grand Paris est dessinée d'un seul tenant : ses établissements publics territoriaux et Paris, qui la recouvrent, ne le sont pas." : "";
  await ctx.enregistrer(
    {id: fichier, editeur: "IGN, ADMIN EXPRESS (éditeur non confirmé : voir PROVENANCE.md)", titre: n.titre, url: "https://geoservices.ign.fr/adminexpress", millesime: "2025",
      fichier, sha256: sha256Fichier(chemin), lignesLues: geometries.length, lignesChargees: vus.size, lignesRejetees: rejets.length, lignesHorsChamp: horsChamp.length,
      note: horsChamp.length ? `Hors champ, codes absents du référentiel 2026 : ${horsChamp.join(", ")}.${mgp}` : undefined},
    rejets
  );
}

export const chargeurContoursZones: Chargeur = {
  id: "contours-epci-departements",
  libelle: "Contours des EPCI et des départements (cartes nationales)",
  async charger(ctx) {
    const sources = ctx.sources;
    const dossiers = sources && existsSync(sources) ? readdirSync(sources).filter((d) => d.startsWith("contours-epci-departements")).map((d) => join(sources, d)) : [];
    let lus = 0;
    for (const dossier of dossiers) {
      for (const n of NIVEAUX) {
        for (const f of readdirSync(dossier).filter((f) => n.motif.test(f)).sort()) {
          await chargerTopologie(ctx, join(dossier, f), n);
          lus++;
        }
      }
    }
    if (!lus) ctx.log("      aucun dossier contours-epci-departements-* dans le dossier de sources : pas de carte des EPCI.");
  }
};
