// Helpers for the tests of the official-file loaders (INSEE births, Filosofi, Caf IRIS):
// FICTITIOUS fixture files written to a temporary sources folder, loaded into a fresh
// warehouse whose referential is copied from the embedded warehouse the global setup
// built (a fraction of a second, where rebuilding the referential takes ~7 s).
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import type {Chargeur} from "../../loaders/lib/chargeur.js";
import {telecharger} from "../../loaders/lib/telechargement.js";
import type {Telechargement} from "../../loaders/lib/chargeur.js";
import {demarrerServeurOds, type FichierServi, type ServeurOds} from "./serveur-opendatasoft.js";
import {entrepotEmbarque, requete} from "../aides.js";

/** A temporary sources folder holding these files (path relative to the folder → content). */
export function dossierSources(fichiers: Record<string, string | Uint8Array>): string {
  const dossier = mkdtempSync(join(tmpdir(), "ctg-sources-"));
  for (const [relatif, contenu] of Object.entries(fichiers)) {
    mkdirSync(dirname(join(dossier, relatif)), {recursive: true});
    writeFileSync(join(dossier, relatif), contenu);
  }
  return dossier;
}

/** A sources folder without this loader's file: it holds another source's file only (an empty folder is refused). */
export const dossierSansLeFichier = () => dossierSources({"autre-source.csv": "CODGEO;VALEUR\n04070;1\n"});

/** CSV text with CRLF line ends, as INSEE and the Cnaf ship them. */
export const crlf = (...lignes: string[]) => lignes.join("\r\n") + "\r\n";
export const latin1 = (texte: string) => Buffer.from(texte, "latin1");
export const BOM = "\ufeff";

let copie: string | null = null;

/**
 * The referential tables of the embedded warehouse, copied into the warehouse being built;
 * with `departements`, only their communes and EPCI (a few hundred rows: 4 to 5 times faster
 * to copy, for test files that build dozens of small warehouses).
 */
export function copieReferentiel(departements?: readonly string[]): Chargeur {
  const communes = departements ? `WHERE departement IN (${departements.map((d) => `'${d}'`).join(", ")})` : "";
  const filtres: Record<string, string> = departements
    ? {commune: communes, epci: `WHERE code IN (SELECT epci FROM ref.commune ${communes})`, commune_ancienne: `WHERE commune IN (SELECT code FROM ref.commune ${communes})`}
    : {};
  return {
    id: "copie-referentiel",
    libelle: "Référentiel (copie de l'entrepôt embarqué)",
    async charger(ctx) {
      if (!copie) {
        copie = join(mkdtempSync(join(tmpdir(), "ctg-ref-")), "referentiel.duckdb");
        copyFileSync(entrepotEmbarque(), copie);
      }
      await ctx.conn.run(`ATTACH '${copie}' AS ref (READ_ONLY)`);
      for (const t of ["region", "departement", "epci", "commune", "commune_ancienne"]) await ctx.conn.run(`INSERT INTO ${t} SELECT * FROM ref.${t} ${filtres[t] ?? ""}`);
      await ctx.conn.run("DETACH ref");
    }
  };
}
export const chargeurCopieReferentiel = copieReferentiel();

/** Builds a warehouse with the referential and `chargeur` on `sources`; returns its path and the log. */
export async function construireAvec(chargeur: Chargeur, sources: string): Promise<{cible: string; journal: string[]}> {
  const cible = join(mkdtempSync(join(tmpdir(), "ctg-entrepot-")), "warehouse.duckdb");
  const journal: string[] = [];
  await construireEntrepot({cible, sources, chargeurs: [chargeurCopieReferentiel, chargeur], log: (m) => journal.push(m)});
  return {cible, journal};
}

export interface Bilan {
  lues: number;
  chargees: number;
  rejetees: number;
  hors: number;
  note: string;
}

/** The `source` row of one file, with the invariant every test checks: read = loaded + rejected + out of scope. */
export async function bilanSource(cible: string, id: string): Promise<Bilan> {
  const [b] = await requete<Bilan>(cible, `SELECT lignes_lues AS lues, lignes_chargees AS chargees, lignes_rejetees AS rejetees, lignes_hors_champ AS hors, note FROM source WHERE id = '${id}'`);
  if (!b) throw new Error(`pas de source ${id}`);
  if (b.lues !== b.chargees + b.rejetees + b.hors) throw new Error(`bilan incohérent pour ${id} : ${JSON.stringify(b)}`);
  return b;
}

export interface RejetLu {
  ligne: number | null;
  colonne: string | null;
  valeur: string | null;
  motif: string;
}

export const rejetsSource = (cible: string, id: string) =>
  requete<RejetLu>(cible, `SELECT ligne, colonne, valeur, motif FROM rejet WHERE source_id = '${id}' ORDER BY ligne, colonne`);

export interface Banc {
  serveur: ServeurOds;
  sources: string;
  cible: string;
  /** What the refresh logged. */
  journal: string[];
}

/**
 * The end-to-end path of a source with no real file here: FICTITIOUS fixtures served on
 * 127.0.0.1 under their official paths, fetched by the `--refresh` code into a fresh sources
 * folder (beside `initiaux`), then loaded by `chargeur`. Registers the describe block's
 * beforeAll/afterAll; the tests read the returned object.
 */
export function bancRafraichissement(o: {
  fixtures: string;
  fichiers: Record<string, FichierServi>;
  telechargements: (base: string) => Telechargement[];
  chargeur: Chargeur;
  initiaux?: Record<string, string | Uint8Array>;
}): Banc {
  const banc: Banc = {serveur: undefined as unknown as ServeurOds, sources: "", cible: "", journal: []};
  beforeAll(async () => {
    banc.serveur = await demarrerServeurOds(o.fixtures, o.fichiers);
    banc.sources = dossierSources(o.initiaux ?? {});
    await telecharger(o.telechargements(banc.serveur.base), banc.sources, (m) => banc.journal.push(m));
    banc.cible = (await construireAvec(o.chargeur, banc.sources)).cible;
  });
  afterAll(async () => {
    await banc.serveur?.fermer();
    if (banc.sources) rmSync(banc.sources, {recursive: true, force: true});
  });
  return banc;
}
