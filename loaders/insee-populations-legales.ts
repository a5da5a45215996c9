// INSEE populations légales, "ensemble" archive: donnees_communes.csv (REG;Région;DEP;
// CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT). When present in the sources folder
// it supersedes the package's figures for its millésime and brings population totale.
import {chercherFichiers} from "./lib/fichiers-source.js";
import type {Chargeur} from "./lib/chargeur.js";
import {lireCsv, type Colonne, type Controle} from "./lib/csv.js";
import {ajouterPopulations} from "./lib/populations.js";
import {notesLecture} from "./lib/bilan.js";

export const FICHIER_POPULATIONS = "donnees_communes.csv";

/** Official columns; DEPCOM/CODGEO are the names older INSEE population files use. */
export const COLONNES_POPULATIONS: Colonne[] = [
  {nom: "com", alias: ["COM", "DEPCOM", "CODGEO"], type: "code"},
  // Paris, the largest commune, has 2,1 million inhabitants.
  {nom: "pmun", alias: ["PMUN"], type: "entier", plage: [0, 3_000_000]},
  {nom: "ptot", alias: ["PTOT"], type: "entier", plage: [0, 3_000_000]}
];

/** Population totale = municipale + comptée à part: never below it (a cut or shifted line otherwise). */
export const CONTROLES_POPULATIONS: Controle[] = [
  {colonne: "ptot", condition: "ptot < pmun", motif: "population totale inférieure à la population municipale (ligne tronquée ou colonnes décalées ?)"}
];
const IGNORES = ["REG", "Région", "DEP", "CODARR", "CODCAN", "CODCOM", "Commune", "PCAP", "NCC", "LIBGEO"];

/** Millésimes of the "ensemble" archives we know (INSEE publication → millésime). */
export const PUBLICATIONS_POPULATIONS = [
  {millesime: 2023, url: "https://www.insee.fr/fr/statistiques/fichier/8680726/ensemble.zip"},
  {millesime: 2022, url: "https://www.insee.fr/fr/statistiques/fichier/8290591/ensemble.zip"},
  {millesime: 2021, url: "https://www.insee.fr/fr/statistiques/fichier/7739582/ensemble.zip"}
];

/**
 * Files are looked for as <sources>/insee-populations-legales-<millésime>/donnees_communes.csv,
 * or at the root (taken as 2023); any case, and a second download "donnees_communes (1).csv" too.
 */
export function fichiersPopulations(sources: string | null): {millesime: number; chemin: string; relatif: string}[] {
  const trouves = [];
  for (const p of PUBLICATIONS_POPULATIONS) {
    const f = chercherFichiers(sources, {dossier: new RegExp(`^insee-populations-legales-${p.millesime}$`, "i"), fichier: /^donnees_communes\.csv$/i})
      .find((x) => x.relatif.includes("/") || p.millesime === 2023);
    if (f) trouves.push({millesime: p.millesime, chemin: f.chemin, relatif: f.relatif});
  }
  return trouves;
}

export const chargeurPopulationsLegales: Chargeur = {
  id: "insee-populations-legales",
  libelle: "INSEE, populations légales (fichiers officiels du dossier de sources)",
  telechargements: PUBLICATIONS_POPULATIONS.map((p) => ({
    url: p.url,
    fichier: `insee-populations-legales-${p.millesime}/ensemble.zip`,
    extraire: {[FICHIER_POPULATIONS]: `insee-populations-legales-${p.millesime}/${FICHIER_POPULATIONS}`}
  })),
  async charger(ctx) {
    const fichiers = fichiersPopulations(ctx.sources);
    if (!fichiers.length) ctx.log("      aucun fichier donnees_communes.csv dans le dossier de sources : populations du référentiel seules.");
    for (const f of fichiers) {
      const r = await lireCsv(ctx.conn, {chemin: f.chemin, fichier: f.relatif, colonnes: COLONNES_POPULATIONS, ignorer: IGNORES, separateur: ";", controles: CONTROLES_POPULATIONS, cle: ["com"], into: "pl_insee"});
      const pub = PUBLICATIONS_POPULATIONS.find((p) => p.millesime === f.millesime)!;
      const bilan = await ajouterPopulations(ctx.conn, {millesime: f.millesime, sourceId: f.relatif, fichier: f.relatif, remplacer: true,
        entree: "(SELECT com AS commune, pmun::INTEGER AS pmun, ptot::INTEGER AS ptot, _ligne AS ligne FROM pl_insee)"});
      await ctx.enregistrer(
        {id: f.relatif, editeur: "INSEE", titre: `Populations légales millésime ${f.millesime} (en vigueur au 1er janvier ${f.millesime + 3})`,
          url: pub.url, millesime: String(f.millesime), fichier: f.relatif, sha256: r.sha256,
          lignesLues: r.lues, lignesChargees: bilan.chargees, lignesRejetees: r.rejets.length + bilan.rejets.length,
          note: `${notesLecture(r)} ${bilan.note}`},
        [...r.rejets, ...bilan.rejets]
      );
    }
  }
};
