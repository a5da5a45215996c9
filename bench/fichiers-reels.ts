// Loading the real official files of ../shared/data: our loaders (headers, types, masked
// cells, rejects, aggregation to communes) against DuckDB alone doing a bare read_csv of
// the same CSV files (all_varchar: automatic typing fails on codes like "2B"), measured in the same run
// (best of 3 interleaved runs each). The referential, which every loader needs, is built
// first in the same warehouse; its loader's own time is left out (the final write to disk,
// which also writes the referential, is counted against us).
import {DuckDBInstance} from "@duckdb/node-api";
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {unzipSync} from "fflate";
import {construireEntrepot} from "../loaders/lib/warehouse.js";
import type {Chargeur, Contexte} from "../loaders/lib/chargeur.js";
import {chargeurReferentiel} from "../loaders/referentiel.js";
import {chargeurPopulationsLegales} from "../loaders/insee-populations-legales.js";
import {chargeurNaissances, FICHIERS_NAISSANCES} from "../loaders/insee-naissances.js";
import {chargeurFilosofi, FICHIERS_FILOSOFI} from "../loaders/insee-filosofi.js";
import {chargeurCafIris, FICHIERS_CAF_IRIS} from "../loaders/caf-allocataires-iris.js";
import {chargeurCouverture} from "../loaders/caf-couverture.js";
import type {FichierOfficiel} from "../loaders/lib/fichiers-source.js";
import * as d3 from "d3";
import {chrono, ms, ratio, tempsCpu, type Ligne} from "./mesure.js";

const FICHIERS: FichierOfficiel[] = [
  {relatif: "insee-populations-legales-2023/donnees_communes.csv", separateur: ";"},
  ...FICHIERS_NAISSANCES, ...FICHIERS_FILOSOFI, ...FICHIERS_CAF_IRIS,
  {relatif: "caf-txcouv-nbpla-commune-2017-2022/tx_couverture.csv", separateur: ","},
  {relatif: "caf-txcouv-nbpla-commune-2017-2022/nbpla_pe_caf.csv", separateur: ","}
];
/** Issue 14: our loaders, every check included, at most 1,2 times a bare read of the same files. */
const CIBLE_RAPPORT = 1.2;
const CHARGEURS: Chargeur[] = [chargeurPopulationsLegales, chargeurNaissances, chargeurFilosofi, chargeurCafIris, chargeurCouverture];

/** Zip members are extracted beforehand: DuckDB cannot read a zip, so its bare read gets the CSV ready. */
function csvLisibles(sources: string, dossier: string): {chemin: string; separateur: string}[] {
  return FICHIERS.filter((f) => existsSync(join(sources, f.relatif))).map((f) => {
    if (!f.membre) return {chemin: join(sources, f.relatif), separateur: f.separateur};
    const chemin = join(dossier, f.membre);
    writeFileSync(chemin, unzipSync(readFileSync(join(sources, f.relatif)), {filter: (m) => m.name === f.membre})[f.membre]!);
    return {chemin, separateur: f.separateur};
  });
}

export async function benchFichiersReels(sources: string): Promise<Ligne[]> {
  if (!existsSync(sources)) return [{mesure: "Fichiers réels", valeur: `dossier ${sources} absent : mesure impossible`}];
  const dossier = mkdtempSync(join(tmpdir(), "ctg-bench-reels-"));
  const log = () => {};
  const fichiers = csvLisibles(sources, dossier);
  // Each measure is the best of 3 runs, interleaved, so that a busy machine affects both alike. CPU time
  // (this process, DuckDB's threads included) is measured too: other users of a shared machine inflate it far less.
  const meilleurs = {chargeurs: Infinity, duck: Infinity, cpuChargeurs: Infinity, cpuDuck: Infinity};
  for (let essai = 0; essai < 3; essai++) {
    let cpuDebut = 0;
    const premier = {...CHARGEURS[0]!, charger: (ctx: Contexte) => ((cpuDebut = tempsCpu()), CHARGEURS[0]!.charger(ctx))};
    const durees = await construireEntrepot({cible: join(dossier, `c${essai}.duckdb`), sources, chargeurs: [chargeurReferentiel, premier, ...CHARGEURS.slice(1)], log});
    meilleurs.cpuChargeurs = Math.min(meilleurs.cpuChargeurs, tempsCpu() - cpuDebut);
    meilleurs.chargeurs = Math.min(meilleurs.chargeurs, d3.sum(durees.filter((d) => d.libelle !== chargeurReferentiel.libelle), (d) => d.ms));
    const cpuDuck = tempsCpu();
    meilleurs.duck = Math.min(meilleurs.duck, (await chrono(async () => {
      const instance = await DuckDBInstance.create(join(dossier, `nu${essai}.duckdb`));
      const conn = await instance.connect();
      for (const [k, f] of fichiers.entries()) {
        await conn.run(`CREATE TABLE t${k} AS SELECT * FROM read_csv('${f.chemin}', delim='${f.separateur}', header=true, all_varchar=true)`);
      }
      conn.closeSync();
      instance.closeSync();
    })).ms);
    meilleurs.cpuDuck = Math.min(meilleurs.cpuDuck, tempsCpu() - cpuDuck);
  }
  const duck = {ms: meilleurs.duck};
  const nous = meilleurs.chargeurs;
  return [
    {mesure: `Chargeurs des fichiers réels (${fichiers.length} fichiers, hors référentiel)`, valeur: ms(nous)},
    {mesure: "DuckDB seul : read_csv des mêmes fichiers", valeur: ms(duck.ms)},
    {mesure: "Rapport chargeurs / DuckDB seul", valeur: ratio(nous, duck.ms), cible: `≤ ${ratio(CIBLE_RAPPORT, 1)}`, ok: nous / duck.ms <= CIBLE_RAPPORT},
    {mesure: "… en temps CPU (chargeurs / DuckDB seul)", valeur: `${ms(meilleurs.cpuChargeurs)} / ${ms(meilleurs.cpuDuck)} : ${ratio(meilleurs.cpuChargeurs, meilleurs.cpuDuck)}`}
  ];
}
