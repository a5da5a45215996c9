// Analysts' command line: npm run ctg -- <commande> … (see docs/cli.md).
// Output on stdout (JSON, CSV or .xlsx), messages and errors on stderr, exit code 1 on error.
import type {ParseArgsConfig} from "node:util";
import {resolve} from "node:path";
import writeXlsxFile from "write-excel-file/node";
import {fstatSync, mkdtempSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {construireEntrepot} from "../loaders/lib/warehouse.js";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {anneeOption, ErreurOption, lireOptions} from "../loaders/lib/options.js";
import {chargeurs} from "../loaders/chargeurs.js";
import {lireReferentiel, lireSources} from "../entrepot/lecture.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../entrepot/diagnostic.js";
import {departementDeReference, equivalents, groupeAdHoc, resoudreTerritoire, type Territoire} from "../src/lib/territoire.js";
import {dateDesDonnees} from "../src/lib/sources.js";
import {ficheTerritoire} from "../src/lib/fiche.js";
import {versCsv, type ColonneExport} from "../src/lib/csv.js";
import {argumentsClasseur} from "../src/lib/xlsx.js";
import {colonnesCommunes} from "../src/lib/exports-territoire.js";
import {comparer, diagnostic, type ContexteDiagnostic} from "../src/lib/diagnostic.js";
import {classeurAnnexe, COLONNES_DIAGNOSTIC, colonnesComparaison, lignesExport} from "../src/lib/exports-diagnostic.js";
import {annexe, enteteAnnexe} from "../src/lib/annexe.js";
import {textesDe} from "../src/lib/textes-analystes.js";
import {documentAnnexe} from "../src/lib/docx-annexe.js";
import {lireTextesAnalystes} from "../entrepot/textes.js";
import * as docx from "docx";
import {millesimeEnVigueur, type Referentiel} from "../src/lib/referentiel.js";
import {lireFaits} from "../entrepot/faits.js";
import {lireSchemaPluriannuel} from "../entrepot/lecture-schema.js";
import {lireErreursProjection} from "../entrepot/moins3ans.js";
import {decrireScenario, lireParametres, preparerTerritoire, projeterTerritoire} from "../src/lib/projection-territoire.js";
import {COLONNES_PROJECTION, lignesProjection} from "../src/lib/exports-petite-enfance.js";
import {comparerPeriode, lirePeriode} from "../src/lib/periode.js";
import {COLONNES_PERIODE, colonnesSimilaires} from "../src/lib/exports-bilan.js";
import {chercherSimilaires, pairsCalcules, SIMILARITE_PAR_DEFAUT} from "../src/lib/pairs.js";
import {indicateur} from "../src/lib/indicateurs.js";
import {complementsAnnexe} from "../src/lib/annexe-renouvellement.js";

const AIDE = `Usage :
  npm run ctg -- territoire <territoire> [--json|--csv|--xlsx] [--millesime AAAA] [--millesime-ao AAAA]
  npm run ctg -- territoire --communes 04070,04049,… [--nom "Mon groupe"] [--json|--csv|--xlsx]
  npm run ctg -- diagnostic <territoire> [--sources <dossier>] [--json|--csv|--xlsx|--docx] [--millesime AAAA]
      [--parmi france|region|type] [--periode AAAA-AAAA] (pairs et période de l'annexe Word)
  npm run ctg -- comparer <t1> <t2> [<t3> <t4>] [--json|--csv|--xlsx]
  npm run ctg -- comparer <t1> [<t2> <t3> <t4>] --periode AAAA-AAAA [--json|--csv|--xlsx]
  npm run ctg -- similaires <territoire> [--indicateurs population_municipale,natalite,…] [-k N]
      [--parmi france|region|type] [--normalisation robuste|z] [--json|--csv|--xlsx]
  npm run ctg -- projection <territoire> [--scenario tendance|stable|variation] [--variation PCT] [--annees N]
      [--cible departement|france|NOMBRE] [--repartition eaje_psu:50,assistants_maternels:50] [--sans-hors-schema] [--json|--csv|--xlsx]

<territoire> : code INSEE de commune (04070), SIREN d'EPCI (200067437), département (04 ou dep:04),
région (reg:93), « france », ou identifiant d'un territoire CTG (ctg-paa).
Options communes : --entrepot <fichier.duckdb> (défaut : data/warehouse.duckdb).
--sources <dossier> : construit d'abord un entrepôt temporaire à partir des fichiers officiels de ce dossier.
--xlsx et --docx écrivent le classeur ou le document Word sur la sortie standard : redirigez-la vers un fichier
(> diagnostic.xlsx, > annexe1.docx). Pour le diagnostic, --xlsx donne le classeur complet (synthèse, communes, séries,
schéma pluriannuel, métadonnées et sources) et --docx l'annexe 1 avec le texte des analystes.`;

const OPTIONS = {
  json: {type: "boolean", default: false},
  csv: {type: "boolean", default: false},
  xlsx: {type: "boolean", default: false},
  docx: {type: "boolean", default: false},
  communes: {type: "string"},
  nom: {type: "string"},
  millesime: {type: "string"},
  "millesime-ao": {type: "string"},
  sources: {type: "string"},
  // projection (names and checks shared with the page's URL: projection-territoire.ts lireParametres)
  scenario: {type: "string"},
  variation: {type: "string"},
  annees: {type: "string"},
  cible: {type: "string"},
  repartition: {type: "string"},
  "sans-hors-schema": {type: "boolean", default: false},
  // comparer --periode, similaires
  periode: {type: "string"},
  indicateurs: {type: "string"},
  k: {type: "string", short: "k"},
  parmi: {type: "string"},
  normalisation: {type: "string"},
  entrepot: {type: "string", default: resolve(import.meta.dirname, "../data/warehouse.duckdb")}
} satisfies ParseArgsConfig["options"];

type Valeurs = ReturnType<typeof lire>["values"];

/** The options, in French when wrong: one output format at most, years of four digits. */
function lire(args: string[]) {
  const r = lireOptions(args, OPTIONS, true);
  const formats = (["json", "csv", "xlsx"] as const).filter((f) => r.values[f]);
  if (formats.length > 1) throw new ErreurOption(`Options incompatibles : ${formats.map((f) => `--${f}`).join(" et ")}. Choisissez un seul format de sortie.`);
  if (r.values.xlsx) verifierSortieFichier();
  anneeOption("millesime", r.values.millesime);
  anneeOption("millesime-ao", r.values["millesime-ao"]);
  return r;
}
const annee = (v: Valeurs, nom: "millesime" | "millesime-ao") => anneeOption(nom, v[nom]);

async function entrepot(v: Valeurs): Promise<string> {
  if (!v.sources) return v.entrepot!;
  const cible = resolve(mkdtempSync(resolve(tmpdir(), "ctg-")), "warehouse.duckdb");
  await construireEntrepot({cible, sources: resolve(v.sources), chargeurs: chargeurs(resolve(import.meta.dirname, "..")), log: (m) => process.stderr.write(m + "\n")});
  return cible;
}

async function avecConnexion<T>(v: Valeurs, f: (conn: Awaited<ReturnType<typeof ouvrirEntrepot>>) => Promise<T>): Promise<T> {
  const conn = await ouvrirEntrepot(await entrepot(v));
  try {
    return await f(conn);
  } finally {
    conn.closeSync();
  }
}

function territoireDe(ref: Referentiel, v: Valeurs, saisie?: string): Territoire {
  if (v.communes) return groupeAdHoc(ref, v.communes.split(","), v.nom);
  if (!saisie) throw new Error(`Indiquez un territoire.\n\n${AIDE}`);
  const t = resoudreTerritoire(ref, saisie);
  if (t.rattachement) process.stderr.write(`${t.rattachement}\n`);
  return t;
}

/** One output path for every command: JSON as is, or the export columns as CSV / .xlsx. */
async function sortir<T>(v: Valeurs, json: unknown, colonnes: ColonneExport<T>[], lignes: T[], feuille: string) {
  if (v.csv) await ecrire(versCsv(colonnes, lignes));
  else if (v.xlsx) await ecrire(await (writeXlsxFile as (...a: unknown[]) => {toBuffer: () => Promise<Buffer>})(...argumentsClasseur([{nom: feuille, colonnes, lignes}])).toBuffer());
  else await ecrire(JSON.stringify(json, null, 2) + "\n");
}

/**
 * A workbook goes to a file: not to a terminal, and not to a closed standard output (the
 * system then gives the process /dev/null, where the workbook would be lost without a word).
 */
function verifierSortieFichier(): void {
  if (process.stdout.isTTY) throw new ErreurOption("--xlsx écrit un classeur binaire : redirigez la sortie standard vers un fichier (> diagnostic.xlsx).");
  const sortie = fstatSync(1);
  const nul = statSync("/dev/null", {throwIfNoEntry: false});
  if (nul && sortie.isCharacterDevice() && sortie.rdev === nul.rdev) {
    throw new ErreurOption("--xlsx : la sortie standard est fermée ou jetée (/dev/null) : le classeur serait perdu. Redirigez-la vers un fichier (> diagnostic.xlsx).");
  }
}

/** Writes to stdout and waits until written: a closed output (EPIPE…) is an error, never a silent exit 0. */
function ecrire(donnees: string | Uint8Array): Promise<void> {
  return new Promise((ok, echec) => {
    const refus = (e: Error) => echec(new Error(`la sortie standard est fermée ou illisible (${(e as NodeJS.ErrnoException).code ?? e.message}) : rien n'a été écrit. Redirigez-la vers un fichier (> resultat.xlsx).`));
    // Node may emit the error event after the write callback: the listener stays (a promise settles once).
    process.stdout.on("error", refus);
    process.stdout.write(donnees, (e) => (e ? refus(e) : ok()));
  });
}

function contexte(d: DonneesDiagnostic, t: Territoire, v: Valeurs): ContexteDiagnostic {
  return {id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons, millesimePopulation: v.millesime};
}

/** --parmi: who a territory is compared with (all of France by default, as on the pages). */
function parmiOption(v: Valeurs): "france" | "region" | "type" {
  const parmi = v.parmi ?? "france";
  if (parmi !== "france" && parmi !== "region" && parmi !== "type") throw new Error(`--parmi : « ${parmi} » inconnu (france, region ou type).`);
  return parmi;
}

/** The conventions of the CTG territory `ids` name (its own id or an equivalent one): the default period of a renewal. */
const conventions = (ref: Referentiel, ids: readonly string[]) =>
  ids.flatMap((id) => (id.startsWith("groupe:") ? ref.groupes.get(id.slice(7))?.conventions ?? [] : []));

const COMMANDES: Record<string, (args: string[]) => Promise<void>> = {
  async territoire(args) {
    const {values: v, positionals} = lire(args);
    const ref = await avecConnexion(v, lireReferentiel);
    const fiche = ficheTerritoire(ref, territoireDe(ref, v, positionals[0]), {millesime: annee(v, "millesime"), millesimeAO: annee(v, "millesime-ao")});
    await sortir(v, fiche, colonnesCommunes(fiche), fiche.communes, "Communes");
  },
  async diagnostic(args) {
    const {values: v, positionals} = lire(args);
    const {d, textes, schema, sources} = await avecConnexion(v, async (conn) => ({
      d: await lireDonneesDiagnostic(conn), textes: await lireTextesAnalystes(conn), schema: await lireSchemaPluriannuel(conn), sources: await lireSources(conn)
    }));
    const t = territoireDe(d.ref, v, positionals[0]);
    const ctx = contexte(d, t, v);
    const sections = diagnostic(ctx);
    const nomCommune = (c: string) => d.ref.communes.get(c)?.nom ?? c;
    const ids = [t.id, ...(ctx.equivalents ?? [])];
    const modele = annexe(sections, textesDe(textes, ids), nomCommune);
    const meta = {
      territoire: t, nomCommune, millesime: v.millesime ?? millesimeEnVigueur(d.ref.millesimes).annee,
      date: dateDesDonnees(sources), sources
    };
    if (v.docx) {
      const renouvellement = complementsAnnexe(ctx, {pairs: pairsCalcules(d.ref, t, ctx.equivalents ?? [], d.faits), parmi: parmiOption(v),
        conventions: conventions(d.ref, ids), periode: v.periode ? lirePeriode(v.periode) : undefined});
      return void process.stdout.write(await docx.Packer.toBuffer(documentAnnexe(docx, modele, enteteAnnexe({...meta, modele}), renouvellement)));
    }
    if (v.xlsx) {
      const feuilles = classeurAnnexe(modele, sections, schema.filter((l) => ids.some((id) => id === l.territoire || id.endsWith(`:${l.territoire}`))), meta);
      return void process.stdout.write(await (writeXlsxFile as (...a: unknown[]) => {toBuffer: () => Promise<Buffer>})(...argumentsClasseur(feuilles)).toBuffer());
    }
    await sortir(v, {territoire: {id: t.id, type: t.type, code: t.code, nom: t.nom, communes: t.communes}, sections, annexe: modele}, COLONNES_DIAGNOSTIC, lignesExport(modele), "Diagnostic");
  },
  async comparer(args) {
    const {values: v, positionals} = lire(args);
    const min = v.periode ? 1 : 2;
    if (positionals.length < min || positionals.length > 4) throw new Error(`Indiquez ${v.periode ? "d'un" : "de deux"} à quatre territoires.\n\n${AIDE}`);
    if (v.periode) {
      // A territory against itself: its communes' facts only, no comparison areas to compute.
      const periode = lirePeriode(v.periode);
      const d = await avecConnexion(v, async (conn) => {
        const ref = await lireReferentiel(conn);
        const ts = positionals.map((p) => resoudreTerritoire(ref, p));
        return {ref, ts, faits: await lireFaits(conn, [...new Set(ts.flatMap((t) => t.communes))]), comparaisons: {}};
      });
      const parTerritoire = d.ts.map((t) => ({territoire: {id: t.id, nom: t.nom}, lignes: comparerPeriode(contexte(d, t, v), periode)}));
      await sortir(v, {periode, territoires: parTerritoire}, COLONNES_PERIODE, parTerritoire.flatMap((p) => p.lignes.map((l) => ({...l, territoire: p.territoire.nom}))), "Période");
      return;
    }
    const d = await avecConnexion(v, lireDonneesDiagnostic);
    const ts = positionals.map((p) => resoudreTerritoire(d.ref, p));
    const lignes = comparer(ts.map((t) => contexte(d, t, v)));
    await sortir(v, {territoires: ts.map((t) => ({id: t.id, nom: t.nom})), lignes}, colonnesComparaison(ts.map((t) => t.nom)), lignes, "Comparaison");
  },
  async similaires(args) {
    const {values: v, positionals} = lire(args);
    const k = v.k == null ? 5 : Number(v.k);
    const parmi = parmiOption(v);
    const normalisation = v.normalisation ?? "robuste";
    if (normalisation !== "robuste" && normalisation !== "z") throw new Error(`--normalisation : « ${normalisation} » inconnue (robuste ou z).`);
    const indicateurs = v.indicateurs ? v.indicateurs.split(",").map((s) => s.trim()).filter(Boolean) : [...SIMILARITE_PAR_DEFAUT];
    for (const id of indicateurs) indicateur(id); // an unknown id is said before the warehouse is read
    const {ref, t, faits} = await avecConnexion(v, async (conn) => {
      const ref = await lireReferentiel(conn);
      const t = territoireDe(ref, v, positionals[0]);
      if (!["commune", "epci", "groupe"].includes(t.type)) throw new Error("Territoires semblables : indiquez une commune, un EPCI ou un territoire CTG (comparé aux EPCI).");
      // Only the bases these indicators read, of every commune (every peer's figure is computed).
      return {ref, t, faits: await lireFaits(conn, undefined, indicateurs)};
    });
    const {fichier: f, cible} = pairsCalcules(ref, t, equivalents(ref, t), faits, indicateurs)!;
    const r = chercherSimilaires(f, cible, {indicateurs, k, normalisation, parmi});
    const {lignes, ...resultat} = r;
    await sortir(v, {territoire: {id: t.id, nom: t.nom}, parmi, annees: f.annees, valeurs: Object.fromEntries(Object.entries(cible.valeurs).map(([id, x]) => [id, x.valeur])), ...resultat, voisins: lignes, exclus: resultat.exclus.length},
      colonnesSimilaires(r), lignes, "Territoires semblables");
  },
  async projection(args) {
    // "--variation -2" reads as an option to parseArgs: glue a negative number to its option.
    const colles = args.flatMap((a, k) => (/^-\d/.test(a) && args[k - 1] === "--variation" ? [] : a === "--variation" && /^-\d/.test(args[k + 1] ?? "") ? [`${a}=${args[k + 1]}`] : [a]));
    const {values: v, positionals} = lire(colles);
    const {parametres, erreurs} = lireParametres({scenario: v.scenario, variation: v.variation, annees: v.annees, cible: v.cible, repartition: v.repartition, hors: v["sans-hors-schema"] ? "0" : undefined});
    if (erreurs.length) throw new Error(erreurs.join(" "));
    const {t, tableaux, prep} = await avecConnexion(v, async (conn) => {
      const ref = await lireReferentiel(conn);
      const t = territoireDe(ref, v, positionals[0]);
      const faits = await lireFaits(conn, t.communes);
      const aos = ficheTerritoire(ref, t).autoritesOrganisatrices.lignes;
      return {t, ...preparerTerritoire({faits, territoire: t, equivalents: equivalents(ref, t), departement: departementDeReference(ref, t), aos, lignesSchema: await lireSchemaPluriannuel(conn), erreurs: await lireErreursProjection(conn)})};
    });
    const r = projeterTerritoire(prep, parametres);
    // A target asked for by name must exist; the default one may be missing (then no gap, and a warning).
    if (r.cibleManquante && v.cible) throw new Error(r.cibleManquante);
    if (r.cibleManquante) process.stderr.write(`Attention : ${r.cibleManquante}\n`);
    const scenario = decrireScenario(r);
    await sortir(v, {territoire: {id: t.id, type: t.type, code: t.code, nom: t.nom, communes: t.communes}, scenario, ...r, schema: tableaux},
      COLONNES_PROJECTION, lignesProjection(r, scenario), "Projection");
  }
};

async function main() {
  const [commande, ...args] = process.argv.slice(2);
  const f = commande ? COMMANDES[commande] : undefined;
  if (!f) throw new Error(commande ? `Commande inconnue : ${commande}.\n\n${AIDE}` : AIDE);
  await f(args);
}

main().catch((e: Error) => {
  process.stderr.write(`Erreur : ${e.message}${e instanceof ErreurOption ? `\n\n${AIDE}` : ""}\n`);
  process.exit(1);
});
