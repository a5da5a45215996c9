// Loads the INSEE/DGCL territorial referential shipped by @etalab/decoupage-administratif
// (geography 2026) and the legal-population vintages found in it and in its older majors.
//
// Which millésime each file carries was established by cross-checking the packages
// (test/loaders/referentiel.test.ts asserts it): communes.json of 6.0.0 holds INSEE
// millésime 2023 (publication 8680726, Digne-les-Bains 17 979); the EPCI members of
// 6.0.0 come from the DGCL file and hold millésime 2022 (= communes.json of 4.1.0,
// INSEE publication 8290591); the EPCI members of 4.1.0, 3.1.1 and 2.3.1 hold
// millésimes 2021, 2020 and 2019.
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {readFileSync} from "node:fs";
import {z} from "zod";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";
import {ajouterPopulations, tablePopulations, type LignePopulation} from "./lib/populations.js";
import {OUBLIER_CODES_COMMUNES} from "./lib/communes.js";
import {MILLESIME_MAYOTTE, dansChampPopulationsLegales, estMayotte} from "../src/lib/referentiel.js";

const require = createRequire(import.meta.url);

export const PAQUETS = {
  "2026": "@etalab/decoupage-administratif",
  "2024": "decoupage-2024",
  "2023": "decoupage-2023",
  "2022": "decoupage-2022"
} as const;

const CommuneJson = z.object({
  code: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/),
  nom: z.string().min(1),
  type: z.enum(["commune-actuelle", "commune-deleguee", "commune-associee", "arrondissement-municipal"]),
  departement: z.string().min(2),
  region: z.string().min(2),
  siren: z.string().optional(),
  population: z.number().int().nonnegative().optional(),
  anciensCodes: z.array(z.string()).optional(),
  chefLieu: z.string().optional(),
  commune: z.string().optional()
});
const MembreJson = z.object({
  code: z.string(),
  nom: z.string(),
  populationMunicipale: z.number().int().nonnegative(),
  populationTotale: z.number().int().nonnegative()
});
const EpciJson = z.object({
  code: z.string().regex(/^\d{9}$/),
  nom: z.string().min(1),
  type: z.string().min(2),
  modeFinancement: z.string().optional(),
  membres: z.array(MembreJson).min(1)
});
const DepartementJson = z.object({code: z.string(), nom: z.string(), region: z.string()});
const RegionJson = z.object({code: z.string(), nom: z.string()});

interface FichierPaquet {
  chemin: string;
  relatif: string;
  version: string;
  url: string;
}

function fichierPaquet(paquet: string, nom: string): FichierPaquet {
  const pkgJson = require.resolve(`${paquet}/package.json`);
  const version = (JSON.parse(readFileSync(pkgJson, "utf8")) as {version: string}).version;
  return {
    chemin: join(dirname(pkgJson), "data", nom),
    relatif: `@etalab/decoupage-administratif@${version}/data/${nom}`,
    version,
    url: `https://unpkg.com/@etalab/decoupage-administratif@${version}/data/${nom}`
  };
}

/** Parse a JSON array with zod, entry by entry: bad entries become rejects, not crashes. */
function lireTableau<T>(f: FichierPaquet, schema: z.ZodType<T>): {valides: T[]; rejets: Rejet[]; lues: number} {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(f.chemin, "utf8"));
  } catch (e) {
    throw new ErreurChargement(`Fichier du référentiel illisible : ${f.relatif}.`, String(e));
  }
  if (!Array.isArray(brut)) throw new ErreurChargement(`Le fichier ${f.relatif} n'est pas une liste.`);
  const valides: T[] = [];
  const rejets: Rejet[] = [];
  brut.forEach((entree, i) => {
    const r = schema.safeParse(entree);
    if (r.success) valides.push(r.data);
    else {
      const issue = r.error.issues[0];
      rejets.push({fichier: f.relatif, ligne: i + 1, colonne: issue?.path.join(".") ?? null, valeur: JSON.stringify(entree).slice(0, 200), motif: issue?.message ?? "entrée invalide"});
    }
  });
  return {valides, rejets, lues: brut.length};
}

const DGCL = "INSEE (COG) et DGCL (périmètres des EPCI), via @etalab/decoupage-administratif";

async function chargerGeographie(ctx: Contexte) {
  const fc = fichierPaquet(PAQUETS["2026"], "communes.json");
  const fe = fichierPaquet(PAQUETS["2026"], "epci.json");
  const fd = fichierPaquet(PAQUETS["2026"], "departements.json");
  const fr = fichierPaquet(PAQUETS["2026"], "regions.json");
  const communes = lireTableau(fc, CommuneJson);
  const epci = lireTableau(fe, EpciJson);
  const deps = lireTableau(fd, DepartementJson);
  const regs = lireTableau(fr, RegionJson);

  const epciDe = new Map<string, string>();
  for (const e of epci.valides) for (const m of e.membres) epciDe.set(m.code, e.code);

  const app = async (table: string, rows: (string | null)[][]) => {
    const a = await ctx.conn.createAppender(table);
    for (const row of rows) {
      for (const v of row) (v == null ? a.appendNull() : a.appendVarchar(v));
      a.endRow();
    }
    a.closeSync();
  };
  await ctx.conn.run(OUBLIER_CODES_COMMUNES);
  await app("region", regs.valides.map((r) => [r.code, r.nom]));
  await app("departement", deps.valides.map((d) => [d.code, d.nom, d.region]));
  await app("epci", epci.valides.map((e) => [e.code, e.nom, e.type, e.modeFinancement ?? null]));
  const actuelles = communes.valides.filter((c) => c.type === "commune-actuelle");
  await app("commune", actuelles.map((c) => [c.code, c.nom, c.departement, c.region, epciDe.get(c.code) ?? null, c.siren ?? null]));
  const anciennes: (string | null)[][] = [];
  // Names of former communes (communes déléguées, associées) and arrondissements, by code.
  const noms = new Map(communes.valides.filter((c) => c.type !== "commune-actuelle").map((c) => [c.code, c.nom]));
  for (const c of communes.valides) {
    if (c.type === "commune-actuelle") for (const a of c.anciensCodes ?? []) anciennes.push([a, c.code, noms.get(a) ?? null]);
    else if (c.chefLieu && c.chefLieu !== c.code) anciennes.push([c.code, c.chefLieu, c.nom]);
    else if (c.type === "arrondissement-municipal" && c.commune) anciennes.push([c.code, c.commune, c.nom]);
  }
  await app("commune_ancienne", anciennes);

  const millesimeGeo = "géographie au 1er janvier 2026";
  const enreg = (f: FichierPaquet, titre: string, r: {lues: number; valides: unknown[]; rejets: Rejet[]}, note?: string) =>
    ctx.enregistrer(
      {id: f.relatif, editeur: DGCL, titre, url: f.url, millesime: millesimeGeo, fichier: f.relatif, sha256: sha256Fichier(f.chemin),
        lignesLues: r.lues, lignesChargees: r.valides.length, lignesRejetees: r.rejets.length, note},
      r.rejets
    );
  await enreg(fr, "Régions", regs);
  await enreg(fd, "Départements", deps);
  await enreg(fe, "EPCI à fiscalité propre et leurs communes membres (populations : millésime 2022)", epci);
  await enreg(fc, "Communes (code officiel géographique ; populations municipales : millésime 2023)", communes,
    `${actuelles.length} communes actuelles ; ${communes.valides.length - actuelles.length} communes déléguées, associées et arrondissements municipaux chargés comme anciens codes.`);
  return {communes, epci, fc, fe};
}

/** The legal-population vintages carried by the packages, oldest geography mapped onto 2026. */
function vintagesPaquets(): {millesime: number; paquet: string; nom: "communes.json" | "epci.json"}[] {
  return [
    {millesime: 2023, paquet: PAQUETS["2026"], nom: "communes.json"},
    {millesime: 2022, paquet: PAQUETS["2026"], nom: "epci.json"},
    {millesime: 2022, paquet: PAQUETS["2024"], nom: "communes.json"},
    {millesime: 2021, paquet: PAQUETS["2024"], nom: "epci.json"},
    {millesime: 2020, paquet: PAQUETS["2023"], nom: "epci.json"},
    {millesime: 2020, paquet: PAQUETS["2023"], nom: "communes.json"},
    {millesime: 2019, paquet: PAQUETS["2022"], nom: "epci.json"}
  ];
}

async function chargerPopulations(ctx: Contexte) {
  // Mayotte's 2017 census, which every package repeats (dansChampPopulationsLegales, src/lib/referentiel.ts): kept once.
  let mayotte: {lignes: LignePopulation[]; f: ReturnType<typeof fichierPaquet>} | null = null;
  for (const v of vintagesPaquets()) {
    const f = fichierPaquet(v.paquet, v.nom);
    let lignes: LignePopulation[];
    let rejets: Rejet[];
    let lues: number;
    if (v.nom === "epci.json") {
      const r = lireTableau(f, EpciJson);
      lignes = r.valides.flatMap((e) => e.membres.map((m) => ({commune: m.code, pmun: m.populationMunicipale, ptot: m.populationTotale, ligne: null})));
      ({rejets, lues} = r);
      lues = lues - r.valides.length + lignes.length;
    } else {
      const r = lireTableau(f, CommuneJson.loose());
      const actuelles = r.valides.filter((c) => c.type === "commune-actuelle");
      lignes = actuelles.flatMap((c, i) => (c.population == null ? [] : [{commune: c.code, pmun: c.population, ptot: null, ligne: i + 1}]));
      rejets = r.rejets;
      lues = r.rejets.length + actuelles.length;
      for (const c of actuelles) if (c.population == null) rejets.push({fichier: f.relatif, ligne: null, colonne: "population", valeur: c.code, motif: "population absente"});
    }
    if (!mayotte && v.nom === "epci.json") mayotte = {lignes: lignes.filter((l) => estMayotte(l.commune)), f};
    const horsChamp = lignes.filter((l) => !dansChampPopulationsLegales(l.commune) || estMayotte(l.commune)).length;
    lignes = lignes.filter((l) => dansChampPopulationsLegales(l.commune) && !estMayotte(l.commune));
    const entree = await tablePopulations(ctx.conn, lignes);
    const bilan = await ajouterPopulations(ctx.conn, {millesime: v.millesime, sourceId: f.relatif, fichier: f.relatif, entree, remplacer: false});
    if (horsChamp) bilan.note += ` ${horsChamp} communes de Mayotte et des collectivités d'outre-mer écartées : hors du champ des populations légales du millésime ${v.millesime} (Mayotte : recensement de 2017, chargé comme millésime 2017).`;
    await ctx.enregistrer(
      {id: f.relatif + `#population-${v.millesime}`, editeur: v.nom === "epci.json" ? "DGCL (populations INSEE des communes membres)" : "INSEE, populations légales",
        titre: `Populations légales millésime ${v.millesime}${v.nom === "epci.json" ? " (municipale et totale des communes membres d'EPCI)" : " (population municipale)"}`,
        url: f.url, millesime: String(v.millesime), fichier: f.relatif, sha256: sha256Fichier(f.chemin),
        lignesLues: lues, lignesChargees: bilan.chargees, lignesRejetees: rejets.length + bilan.rejets.length, lignesHorsChamp: horsChamp,
        note: bilan.note},
      [...rejets, ...bilan.rejets]
    );
  }
  if (mayotte?.lignes.length) {
    const {f} = mayotte;
    const bilan = await ajouterPopulations(ctx.conn, {millesime: MILLESIME_MAYOTTE, sourceId: f.relatif, fichier: f.relatif, entree: await tablePopulations(ctx.conn, mayotte.lignes), remplacer: false});
    await ctx.enregistrer(
      {id: f.relatif + `#population-${MILLESIME_MAYOTTE}`, editeur: "DGCL (populations INSEE des communes membres)",
        titre: `Populations légales de Mayotte, recensement de ${MILLESIME_MAYOTTE}`, url: f.url, millesime: String(MILLESIME_MAYOTTE), fichier: f.relatif, sha256: sha256Fichier(f.chemin),
        lignesLues: mayotte.lignes.length, lignesChargees: bilan.chargees, lignesRejetees: bilan.rejets.length,
        note: `${bilan.note} Le recensement de Mayotte suit son propre calendrier : sa dernière population légale est celle de ${MILLESIME_MAYOTTE}, que les paquets répètent sous chaque millésime.`},
      bilan.rejets
    );
  }
}

export const chargeurReferentiel: Chargeur = {
  id: "referentiel",
  libelle: "Référentiel territorial (COG 2026, EPCI, populations légales)",
  async charger(ctx) {
    await chargerGeographie(ctx);
    await chargerPopulations(ctx);
  }
};
