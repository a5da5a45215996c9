// Analysts' entries: the figures of a CTG shared diagnostic (annexe 1) that no official
// file loaded here produces (data/saisies/diagnostic.csv, format in docs/saisies.md).
// lireCsv checks the header, the separator, numbers and duplicates; zod each row against
// the indicator catalogue; the warehouse each territory. A refused row is never loaded and
// its French message names file, line and column (log and table `rejet`); the other rows
// load into table `saisie`, which entrepot/faits.ts turns into `Faits.saisies`.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {z} from "zod";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, type Colonne} from "./lib/csv.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";
import {messageRejet, POINT_DE_MILLIERS} from "./saisies-schema.js";
import {notesLecture} from "./lib/bilan.js";
import {INDICATEURS, type Indicateur} from "../src/lib/indicateurs.js";

export const FICHIER_DIAGNOSTIC = "diagnostic.csv";
export const ANNEES_SAISIE = {debut: 2000, fin: 2035};

export const COLONNES_DIAGNOSTIC: Colonne[] = [
  {nom: "territoire", type: "code"},
  {nom: "indicateur", type: "code"},
  {nom: "annee", type: "texte"},
  // Parsed by zod below, so that a refusal quotes the cell as typed: "1 220", "11,3" or "11.3".
  // Empty only with a note.
  {nom: "valeur", type: "texte", masquable: true},
  {nom: "source", type: "texte"},
  {nom: "note", type: "texte", masquable: true, obligatoire: false},
  // A France or département figure quoted by another territory's diagnostic: that territory's id.
  // It is then a benchmark for that territory only (Faits.references), never the area's own figure.
  {nom: "cite_par", type: "code", masquable: true, obligatoire: false}
];

const parId = new Map(INDICATEURS.map((i) => [i.id, i]));
const COMPTAGES = new Set<Indicateur["unite"]>(["nombre", "habitants"]);

/** Explicit territory ids, as the diagnostic names them (src/lib/territoire.ts). */
const ID_TERRITOIRE = /^(commune:[0-9][0-9AB][0-9]{3}|epci:\d{9}|departement:[0-9][0-9AB][0-9]?|region:\d{2}|groupe:[a-z0-9-]+|france)$/;

export const LigneSaisieSchema = z
  .object({
    territoire: z.string().regex(ID_TERRITOIRE, "identifiant de territoire attendu : commune:06033, epci:200067437, departement:04, region:93, groupe:ctg-paa ou france"),
    indicateur: z.string().transform((id, ctx) => {
      const i = parId.get(id);
      if (!i) {
        ctx.addIssue({code: "custom", message: "indicateur inconnu du catalogue (src/lib/indicateurs.ts)"});
        return z.NEVER;
      }
      if (i.calcul.type === "ratio") {
        ctx.addIssue({code: "custom", message: `indicateur calculé (${i.calcul.numerateur} / ${i.calcul.denominateur}) : saisissez ses deux nombres, la part se calcule`});
        return z.NEVER;
      }
      return i;
    }),
    annee: z.string().transform((s, ctx) => {
      const a = /^\d{4}$/.test(s) ? Number(s) : NaN;
      if (Number.isNaN(a)) ctx.addIssue({code: "custom", message: "année sur quatre chiffres attendue"});
      else if (a < ANNEES_SAISIE.debut || a > ANNEES_SAISIE.fin) ctx.addIssue({code: "custom", message: `année hors de ${ANNEES_SAISIE.debut} à ${ANNEES_SAISIE.fin}`});
      return a;
    }),
    valeur: z.string().nullable().transform((s, ctx) => {
      if (s == null) return null;
      const t = s.replace(/[\s\u00a0\u202f]/g, "");
      if (!/^-?\d+([.,]\d+)?$/.test(t)) {
        ctx.addIssue({code: "custom", message: "valeur non numérique"});
        return z.NEVER;
      }
      if (POINT_DE_MILLIERS.re.test(t)) {
        ctx.addIssue({code: "custom", message: POINT_DE_MILLIERS.motif});
        return z.NEVER;
      }
      return Number(t.replace(",", "."));
    }),
    source: z.string().min(1, "source attendue"),
    note: z.string().nullable().optional(),
    cite_par: z.string().regex(ID_TERRITOIRE, "identifiant du territoire dont le diagnostic cite ce chiffre attendu (groupe:ctg-bassin-carros…)").nullable().optional()
  })
  .superRefine((l, ctx) => {
    if (l.valeur == null) {
      if (!l.note) ctx.addIssue({code: "custom", path: ["valeur"], message: "valeur vide : dites pourquoi dans la colonne note (chiffre illisible, non publié…)"});
      return;
    }
    if (l.indicateur.calcul.type === "somme" && l.valeur < 0) ctx.addIssue({code: "custom", path: ["valeur"], message: "nombre négatif refusé pour un effectif"});
    else if (COMPTAGES.has(l.indicateur.unite) && !Number.isInteger(l.valeur)) ctx.addIssue({code: "custom", path: ["valeur"], message: "nombre entier attendu"});
  });

export interface LigneSaisie {
  territoire: string;
  indicateur: string;
  base: string;
  annee: number;
  valeur: number | null;
  source: string;
  note: string | null;
  citePar: string | null;
  ligne: number;
}

/** Territory ids the warehouse knows: referential codes and CTG groups (table `groupe`). */
export async function territoiresConnus(ctx: Pick<Contexte, "conn">): Promise<Set<string>> {
  const r = await ctx.conn.runAndReadAll(`
    SELECT 'commune:' || code FROM commune UNION ALL SELECT 'epci:' || code FROM epci
    UNION ALL SELECT 'departement:' || code FROM departement UNION ALL SELECT 'region:' || code FROM region
    UNION ALL SELECT 'groupe:' || id FROM groupe UNION ALL SELECT 'france'`);
  return new Set(r.getRows().map((x) => String(x[0])));
}

/** Zod, then the warehouse's territories, then one entry per territory × base × year. */
export function validerSaisies(fichier: string, brutes: readonly Record<string, unknown>[], territoires: Set<string>): {lignes: LigneSaisie[]; rejets: Rejet[]} {
  const lignes: LigneSaisie[] = [];
  const rejets: Rejet[] = [];
  const vues = new Map<string, number>();
  for (const b of brutes) {
    const ligne = b._ligne as number;
    const refus = (colonne: string, motif: string) => rejets.push({fichier, ligne, colonne, valeur: b[colonne] == null ? null : String(b[colonne]), motif});
    const r = LigneSaisieSchema.safeParse(b);
    if (!r.success) {
      const i = r.error.issues[0]!;
      refus(String(i.path[0] ?? ""), i.message);
      continue;
    }
    const l = r.data;
    if (l.cite_par && !territoires.has(l.cite_par)) {
      refus("cite_par", "territoire inconnu (ni commune, EPCI, département ou région du référentiel 2026, ni territoire CTG de data/territoires)");
      continue;
    }
    if (!territoires.has(l.territoire)) {
      refus("territoire", "territoire inconnu (ni commune, EPCI, département ou région du référentiel 2026, ni territoire CTG de data/territoires, ni france)");
      continue;
    }
    const base = l.indicateur.calcul.type === "ratio" ? "" : l.indicateur.calcul.base;
    // Two indicators never share an enterable base today; this keeps the table's key honest if they ever do.
    const cle = `${l.territoire}|${base}|${l.annee}`;
    const deja = vues.get(cle);
    if (deja != null) {
      refus("indicateur", `même territoire, même série (${base}) et même année que la ligne ${deja}`);
      continue;
    }
    vues.set(cle, ligne);
    lignes.push({territoire: l.territoire, indicateur: l.indicateur.id, base, annee: l.annee, valeur: l.valeur, source: l.source, note: l.note ?? null, citePar: l.cite_par ?? null, ligne});
  }
  return {lignes, rejets};
}

export function chargeurSaisiesDiagnostic(dossier: string): Chargeur {
  const relatif = `data/saisies/${FICHIER_DIAGNOSTIC}`;
  return {
    id: "saisies-diagnostic",
    libelle: `Saisies : chiffres des diagnostics CTG (${relatif})`,
    async charger(ctx) {
      const chemin = join(dossier, FICHIER_DIAGNOSTIC);
      if (!existsSync(chemin)) {
        ctx.log(`      ${relatif} absent : aucun chiffre de diagnostic saisi.`);
        return;
      }
      const r = await lireCsv(ctx.conn, {
        chemin, fichier: relatif, colonnes: COLONNES_DIAGNOSTIC, separateur: ";", valeursMultilignes: true,
        cle: ["territoire", "indicateur", "annee"], into: "saisie_diagnostic"
      });
      const brutes = (await ctx.conn.runAndReadAll("SELECT * FROM saisie_diagnostic ORDER BY _ligne")).getRowObjectsJS();
      const {lignes, rejets} = validerSaisies(relatif, brutes, await territoiresConnus(ctx));
      const a = await ctx.conn.createAppender("saisie");
      for (const l of lignes) {
        a.appendVarchar(l.territoire);
        a.appendVarchar(l.base);
        a.appendInteger(l.annee);
        if (l.valeur == null) a.appendNull(); else a.appendDouble(l.valeur);
        a.appendVarchar(l.source);
        if (l.note == null) a.appendNull(); else a.appendVarchar(l.note);
        a.appendVarchar(relatif);
        a.appendInteger(l.ligne);
        if (l.citePar == null) a.appendNull(); else a.appendVarchar(l.citePar);
        a.endRow();
      }
      a.closeSync();
      const tous = [...r.rejets, ...rejets].sort((x, y) => (x.ligne ?? 0) - (y.ligne ?? 0));
      for (const x of tous) ctx.log(`      refusé — ${messageRejet(x)}`);
      const lignesRejetees = new Set(tous.map((x) => x.ligne)).size;
      const vides = lignes.filter((l) => l.valeur == null).length;
      await ctx.enregistrer(
        {id: relatif, editeur: "Observatoire CTG (saisie des analystes)", titre: "Chiffres des diagnostics partagés de CTG (annexe 1) absents des fichiers officiels",
          url: relatif, millesime: [...new Set(lignes.map((l) => l.annee))].sort().join(", ") || "aucun", fichier: relatif, sha256: sha256Fichier(chemin),
          lignesLues: r.lues, lignesChargees: lignes.length, lignesRejetees,
          note: `${notesLecture(r)}${vides ? ` ${vides} chiffre${vides > 1 ? "s" : ""} illisible${vides > 1 ? "s" : ""} gardé${vides > 1 ? "s" : ""} sans valeur, avec une note.` : ""}${lignesRejetees ? ` ${lignesRejetees} ligne${lignesRejetees > 1 ? "s" : ""} refusée${lignesRejetees > 1 ? "s" : ""} : voir la table rejet.` : ""}`},
        tous
      );
    }
  };
}
