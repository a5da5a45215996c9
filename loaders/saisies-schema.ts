// Analysts' entries: the schéma pluriannuel de maintien et de développement de l'offre
// d'accueil (data/saisies/schema-pluriannuel.csv, columns in schema-pluriannuel.md).
// lireCsv checks the header and duplicates, zod each row, the referential each AO: a row
// refused is never loaded and its French message names file, line and column (log and
// table `rejet`); the other rows load.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {z} from "zod";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, type Colonne} from "./lib/csv.js";
import {notesLecture} from "./lib/bilan.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";
import {MODES_SCHEMA, type ModeSchema} from "../src/lib/couverture.js";

export const FICHIER_SCHEMA = "schema-pluriannuel.csv";
export const PERIODE_SCHEMA = {debut: 2026, fin: 2030};

const TEXTES = ["besoins_emplois", "autres_besoins", "projets", "couts_calendrier", "ingenierie"] as const;

export const COLONNES_SCHEMA: Colonne[] = [
  {nom: "territoire", type: "code"},
  {nom: "ao", type: "code"},
  {nom: "mode", type: "texte"},
  {nom: "unite", type: "texte"},
  {nom: "annee", type: "texte"},
  // Numbers are parsed by zod below: analysts type "1,7" as often as "1.7".
  {nom: "valeur", type: "texte", masquable: true},
  {nom: "nb_structures", type: "texte", masquable: true, obligatoire: false},
  ...TEXTES.map((nom): Colonne => ({nom, type: "texte", masquable: true, obligatoire: false})),
  {nom: "source", type: "texte"},
  {nom: "note", type: "texte", masquable: true, obligatoire: false}
];

const MODES = MODES_SCHEMA.map((m) => m.id) as [ModeSchema, ...ModeSchema[]];
const UNITE_DU_MODE = new Map(MODES_SCHEMA.map((m) => [m.id, m.unite]));

/**
 * "2.000" typed for two thousand (a spreadsheet's thousands separator) would be read 2:
 * a "." followed by exactly three digits is refused in the analysts' numbers, whatever the unit.
 */
export const POINT_DE_MILLIERS = {re: /^-?\d{1,3}(\.\d{3})+$/, motif: "point suivi de trois chiffres : séparateur de milliers (2.000 pour 2 000) ? Écrivez 2000 ou 2 000 (2,5 pour une décimale)"};

const nombre = (entier: boolean) =>
  z
    .string()
    .nullable()
    .transform((s, ctx) => {
      if (s == null) return null;
      const n = Number(s.replace(/\s/g, "").replace(",", "."));
      if (!/^-?[\d\s]+([.,]\d+)?$/.test(s) || Number.isNaN(n)) {
        ctx.addIssue({code: "custom", message: "nombre attendu"});
        return z.NEVER;
      }
      if (POINT_DE_MILLIERS.re.test(s.replace(/\s/g, ""))) {
        ctx.addIssue({code: "custom", message: POINT_DE_MILLIERS.motif});
        return z.NEVER;
      }
      if (n < 0) ctx.addIssue({code: "custom", message: "nombre négatif refusé"});
      else if (entier && !Number.isInteger(n)) ctx.addIssue({code: "custom", message: "nombre entier attendu"});
      return n;
    });

const texteLibre = z.string().nullable().optional();

export const LigneSchema = z
  .object({
    territoire: z.string().regex(/^([a-z0-9-]+|\d{9}|[0-9][0-9AB][0-9]{3})$/, "identifiant de territoire CTG (data/territoires), SIREN d'EPCI ou code commune attendu"),
    ao: z.string().regex(/^(\d{9}|[0-9][0-9AB][0-9]{3})$/, "code commune INSEE (5 caractères) ou SIREN d'EPCI (9 chiffres) attendu"),
    mode: z.enum(MODES, {error: `mode inconnu : attendu ${MODES.join(", ")}`}),
    unite: z.enum(["places", "etp", "dispositifs"], {error: "unité inconnue : attendu places, etp ou dispositifs"}),
    annee: z.string().transform((s, ctx) => {
      if (s === "actuel") return null;
      const a = /^\d{4}$/.test(s) ? Number(s) : NaN;
      if (Number.isNaN(a)) ctx.addIssue({code: "custom", message: `« actuel » ou une année de ${PERIODE_SCHEMA.debut} à ${PERIODE_SCHEMA.fin} attendu`});
      else if (a < PERIODE_SCHEMA.debut || a > PERIODE_SCHEMA.fin) ctx.addIssue({code: "custom", message: `année hors de la période du schéma (${PERIODE_SCHEMA.debut} à ${PERIODE_SCHEMA.fin})`});
      return a;
    }),
    valeur: nombre(false),
    nb_structures: nombre(true).optional(),
    besoins_emplois: texteLibre,
    autres_besoins: texteLibre,
    projets: texteLibre,
    couts_calendrier: texteLibre,
    ingenierie: texteLibre,
    source: z.string().min(1),
    note: z.string().nullable().optional()
  })
  .superRefine((l, ctx) => {
    const attendue = UNITE_DU_MODE.get(l.mode);
    if (attendue && l.unite !== attendue) ctx.addIssue({code: "custom", path: ["unite"], message: `unité « ${attendue} » attendue pour le mode ${l.mode}`});
    if (l.valeur != null && l.unite !== "etp" && !Number.isInteger(l.valeur)) {
      ctx.addIssue({code: "custom", path: ["valeur"], message: `nombre entier de ${l.unite} attendu`});
    }
    if (l.valeur == null && !l.note) {
      ctx.addIssue({code: "custom", path: ["valeur"], message: "valeur vide : dites pourquoi dans la colonne note (cellule illisible, non renseignée…)"});
    }
  });

export type LigneSchemaPluriannuel = z.infer<typeof LigneSchema> & {ligne: number; typeAo: "commune" | "epci"};

/** What the checks need from the warehouse: codes of the referential and CTG territories. */
export interface ReferentielSaisies {
  communes: Set<string>;
  /** EPCI SIREN → member communes. */
  epci: Map<string, string[]>;
  /** CTG territory id (data/territoires) → its communes. */
  groupes: Map<string, string[]>;
}

export async function referentielSaisies(ctx: Pick<Contexte, "conn">): Promise<ReferentielSaisies> {
  const lire = async (sql: string) => (await ctx.conn.runAndReadAll(sql)).getRowObjectsJS();
  const communes = await lire("SELECT code, epci FROM commune");
  const epci = new Map<string, string[]>((await lire("SELECT code FROM epci")).map((e) => [e.code as string, []]));
  for (const c of communes) if (c.epci) epci.get(c.epci as string)?.push(c.code as string);
  const groupes = new Map(
    (await lire("SELECT id, definition::VARCHAR AS d FROM groupe")).map((g) => [g.id as string, (JSON.parse(g.d as string) as {communes: string[]}).communes])
  );
  return {communes: new Set(communes.map((c) => c.code as string)), epci, groupes};
}

/** Message naming file, line and column: what the analyst reads in the log. */
export const messageRejet = (r: Rejet) =>
  `${r.fichier}, ligne ${r.ligne ?? "?"}${r.colonne ? `, colonne « ${r.colonne} »` : ""} : ${r.motif}${r.valeur != null ? ` (valeur « ${r.valeur} »)` : ""}.`;

/** Zod, then the referential: the AO must be a commune or an EPCI, and belong to the territory. */
export function validerLignes(
  fichier: string,
  brutes: readonly Record<string, unknown>[],
  ref: ReferentielSaisies
): {lignes: LigneSchemaPluriannuel[]; rejets: Rejet[]} {
  const lignes: LigneSchemaPluriannuel[] = [];
  const rejets: Rejet[] = [];
  for (const b of brutes) {
    const ligne = b._ligne as number;
    const r = LigneSchema.safeParse(b);
    if (!r.success) {
      const i = r.error.issues[0]!;
      const colonne = String(i.path[0] ?? "");
      rejets.push({fichier, ligne, colonne: colonne || null, valeur: b[colonne] == null ? null : String(b[colonne]), motif: i.message});
      continue;
    }
    const l = r.data;
    const typeAo = l.ao.length === 9 ? "epci" : "commune";
    const communesAo = typeAo === "epci" ? ref.epci.get(l.ao) : ref.communes.has(l.ao) ? [l.ao] : undefined;
    const communesTerritoire = ref.groupes.get(l.territoire) ?? ref.epci.get(l.territoire) ?? (ref.communes.has(l.territoire) ? [l.territoire] : undefined);
    const refus = (colonne: string, valeur: string, motif: string) => rejets.push({fichier, ligne, colonne, valeur, motif});
    if (!communesAo) refus("ao", l.ao, `autorité organisatrice inconnue du référentiel 2026 (ni commune ni EPCI)`);
    else if (!communesTerritoire) refus("territoire", l.territoire, "territoire inconnu (ni territoire CTG de data/territoires, ni EPCI, ni commune)");
    else if (!communesAo.some((c) => communesTerritoire.includes(c))) refus("ao", l.ao, `autorité organisatrice hors du territoire « ${l.territoire} »`);
    else lignes.push({...l, ligne, typeAo});
  }
  return {lignes, rejets};
}

export function chargeurSaisiesSchema(dossier: string): Chargeur {
  const relatif = `data/saisies/${FICHIER_SCHEMA}`;
  return {
    id: "saisies-schema-pluriannuel",
    libelle: `Saisies : schéma pluriannuel de l'offre d'accueil (${relatif})`,
    async charger(ctx) {
      const chemin = join(dossier, FICHIER_SCHEMA);
      if (!existsSync(chemin)) {
        ctx.log(`      ${relatif} absent : aucun schéma pluriannuel saisi.`);
        return;
      }
      const r = await lireCsv(ctx.conn, {chemin, fichier: relatif, colonnes: COLONNES_SCHEMA, separateur: ";", valeursMultilignes: true, cle: ["territoire", "ao", "mode", "annee"], into: "saisie_schema"});
      const brutes = (await ctx.conn.runAndReadAll("SELECT * FROM saisie_schema ORDER BY _ligne")).getRowObjectsJS();
      const {lignes, rejets} = validerLignes(relatif, brutes, await referentielSaisies(ctx));
      const a = await ctx.conn.createAppender("schema_pluriannuel");
      const texte = (v: string | null | undefined) => (v == null ? a.appendNull() : a.appendVarchar(v));
      for (const l of lignes) {
        a.appendVarchar(l.territoire);
        a.appendVarchar(l.ao);
        a.appendVarchar(l.typeAo);
        a.appendVarchar(l.mode);
        a.appendVarchar(l.unite);
        a.appendVarchar(l.annee == null ? "actuel" : String(l.annee));
        if (l.annee == null) a.appendNull(); else a.appendInteger(l.annee);
        if (l.valeur == null) a.appendNull(); else a.appendDouble(l.valeur);
        if (l.nb_structures == null) a.appendNull(); else a.appendInteger(l.nb_structures);
        for (const t of TEXTES) texte(l[t]);
        a.appendVarchar(l.source);
        texte(l.note);
        a.appendVarchar(relatif);
        a.appendInteger(l.ligne);
        a.endRow();
      }
      a.closeSync();
      const tous = [...r.rejets, ...rejets].sort((x, y) => (x.ligne ?? 0) - (y.ligne ?? 0));
      for (const x of tous) ctx.log(`      refusé — ${messageRejet(x)}`);
      await ctx.enregistrer(
        {id: relatif, editeur: "Observatoire CTG (saisie des analystes)", titre: "Schéma pluriannuel de maintien et de développement de l'offre d'accueil du jeune enfant",
          url: relatif, millesime: `${PERIODE_SCHEMA.debut}–${PERIODE_SCHEMA.fin}`, fichier: relatif, sha256: sha256Fichier(chemin),
          lignesLues: r.lues, lignesChargees: lignes.length, lignesRejetees: tous.length,
          note: `${notesLecture(r)}${tous.length ? ` ${tous.length} ligne${tous.length > 1 ? "s" : ""} refusée${tous.length > 1 ? "s" : ""} : voir la table rejet.` : ""}`},
        tous
      );
    }
  };
}
