// Nothing silently lost: for each year of the real files of ../shared/data, the counts of
// the file's rows = the counts the warehouse keeps on today's communes + the counts of the
// rows it rejected (table rejet, by file line). Read straight from the files with DuckDB,
// not through the loaders, so that a loader dropping rows cannot hide it.
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {extraireMembre} from "../../loaders/lib/fichiers-source.js";
import {avecDonneesReelles, entrepotComplet, requete} from "../aides.js";
import {DONNEES_REELLES} from "../setup-entrepot.js";

type ParAnnee = Record<number, number>;

/** Σ `expression` by year over a CSV's data rows, with their file line (header = line 1). */
async function sommesFichier(chemin: string, o: {separateur: string; annee: string; expression: string; filtre?: string}, lignesRejetees: number[]): Promise<{fichier: ParAnnee; rejete: ParAnnee}> {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    await conn.run(`CREATE TABLE lu AS SELECT row_number() OVER () + 1 AS _ligne, * FROM read_csv('${chemin}', delim = '${o.separateur}', header = true, all_varchar = true)`);
    const rejets = lignesRejetees.length ? `_ligne IN (${lignesRejetees.join(", ")})` : "false";
    const rows = (await conn.runAndReadAll(`SELECT ${o.annee}::INTEGER AS annee, coalesce(sum(${o.expression}), 0)::BIGINT AS total,
        coalesce(sum(${o.expression}) FILTER (WHERE ${rejets}), 0)::BIGINT AS rejete
      FROM lu ${o.filtre ? `WHERE ${o.filtre}` : ""} GROUP BY ALL ORDER BY 1`)).getRowObjectsJS();
    return {
      fichier: Object.fromEntries(rows.map((r) => [Number(r.annee), Number(r.total)])),
      rejete: Object.fromEntries(rows.map((r) => [Number(r.annee), Number(r.rejete)]))
    };
  } finally {
    conn.closeSync();
  }
}

const lignesRejetees = async (source: string) =>
  (await requete<{ligne: number}>(entrepotComplet(), `SELECT ligne FROM rejet WHERE source_id = '${source}' AND ligne IS NOT NULL`)).map((r) => r.ligne);

const parAnnee = async (sql: string): Promise<ParAnnee> =>
  Object.fromEntries((await requete<{annee: number; total: number}>(entrepotComplet(), sql)).map((r) => [Number(r.annee), Number(r.total)]));

function reconcilier(fichier: ParAnnee, entrepot: ParAnnee, rejete: ParAnnee) {
  const annees = Object.keys(fichier).map(Number);
  expect(annees.length).toBeGreaterThan(0);
  for (const a of annees) expect({annee: a, total: (entrepot[a] ?? 0) + (rejete[a] ?? 0)}).toEqual({annee: a, total: fichier[a]});
}

describe.skipIf(!avecDonneesReelles())("rapprochement fichiers ↔ entrepôt (rien de perdu en silence)", () => {
  it("Cnaf, places d'accueil 2017–2022 : Σ fichier = Σ communes actuelles (arrondissements et anciens codes recomposés) + Σ rejetées", async () => {
    const source = "caf-txcouv-nbpla-commune-2017-2022/nbpla_pe_caf.csv";
    const {fichier, rejete} = await sommesFichier(resolve(DONNEES_REELLES, source),
      {separateur: ",", annee: "date_reference", expression: "places_offertes_ensemble::BIGINT"}, await lignesRejetees(source));
    const entrepot = await parAnnee(`SELECT annee, sum(places)::BIGINT AS total FROM caf_couverture
      WHERE niveau = 'com' AND mode = 'ensemble' AND statut IN ('territoire', 'sans_territoire') GROUP BY annee`);
    reconcilier(fichier, entrepot, rejete);
    // 2022: 586 006 on communes published whole + 87 203 in arrondissements + 1 070 under former codes, none lost.
    expect(fichier[2022]).toBe(674_279);
  });

  it("INSEE, naissances par commune 2008–2024 : Σ fichier = Σ communes actuelles + Σ rejetées", async () => {
    const source = "insee-naissances-communes-2008-2024/DS_ETAT_CIVIL_NAIS_COMMUNES.zip";
    const membre = extraireMembre(resolve(DONNEES_REELLES, source), source, "_data.csv");
    try {
      const {fichier, rejete} = await sommesFichier(membre.chemin, {separateur: ";", annee: "TIME_PERIOD", expression: "OBS_VALUE::BIGINT",
        filtre: "EC_MEASURE = 'LVB' AND FREQ = 'A' AND GEO_OBJECT = 'COM'"}, await lignesRejetees(`${source}`));
      const entrepot = await parAnnee("SELECT annee, sum(naissances)::BIGINT AS total FROM naissance WHERE niveau = 'COM' GROUP BY annee");
      reconcilier(fichier, entrepot, rejete);
    } finally {
      membre.nettoyer();
    }
  });

  it("Cnaf, allocataires à l'IRIS 2016–2020 : Σ fichier = Σ IRIS placés dans une commune actuelle + Σ rejetées", async () => {
    for (const annee of [2016, 2017, 2018, 2019, 2020]) {
      const source = `caf-allocataires-iris-2016-2020/data_CAF_${annee}_IRIS.csv`;
      const chemin = resolve(DONNEES_REELLES, source);
      if (!existsSync(chemin)) continue;
      const {fichier, rejete} = await sommesFichier(chemin, {separateur: ";", annee: String(annee), expression: "nullif(regexp_replace(A, '[^0-9]', '', 'g'), '')::BIGINT"}, await lignesRejetees(source));
      const entrepot = await parAnnee(`SELECT annee, sum(a)::BIGINT AS total FROM caf_iris WHERE annee = ${annee} GROUP BY annee`);
      reconcilier(fichier, entrepot, rejete);
      // and by commune: the IRIS sums of caf_allocataires_commune lose nothing either
      const communes = await parAnnee(`SELECT annee, sum(valeur)::BIGINT AS total FROM caf_allocataires_commune WHERE annee = ${annee} AND indicateur = 'A' GROUP BY annee`);
      expect(communes[annee]).toBe(entrepot[annee]);
    }
  });
});
