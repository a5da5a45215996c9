// Checks the estimate of children under 3 from births (moins3ans.ts) against the Cnaf's own
// denominators (places / taux × 100) on every commune × year the Cnaf publishes: read by the
// methodology page (through validation-moins3ans.json) and printed by `npm run bench`.
import type {DuckDBConnection} from "@duckdb/node-api";
import {quantile, validerEstimation, type DistributionErreurs, type ObservationCouverture, type ObservationNaissances} from "../src/lib/moins3ans.js";

// Histogram of the signed % error: 5-point bins from −50 to +50, tails gathered at both ends.
const PAS = 5;
const BORNE = 50;

function resume(d: DistributionErreurs) {
  const {points, ...r} = d;
  const bins = new Map<number, number>();
  for (let x = -BORNE - PAS; x <= BORNE; x += PAS) bins.set(x, 0);
  for (const p of points) {
    const x = p.ecartPct < -BORNE ? -BORNE - PAS : p.ecartPct >= BORNE ? BORNE : Math.floor(p.ecartPct / PAS) * PAS;
    bins.set(x, bins.get(x)! + 1);
  }
  // Absolute error by size: small denominators carry more noise (moves, a maternity ward, rounding of the rate).
  const tailles = [[0, 300, "moins de 300 enfants"], [300, 1000, "300 à 1 000 enfants"], [1000, Infinity, "1 000 enfants ou plus"]] as const;
  const parTaille = tailles.map(([min, max, libelle]) => {
    const abs = points.filter((p) => p.implicite >= min && p.implicite < max).map((p) => Math.abs(p.ecartPct)).sort((a, b) => a - b);
    return {libelle, n: abs.length, erreurAbsolueMedianePct: quantile(abs, 0.5)};
  });
  return {...r, histogramme: [...bins].map(([debut, n]) => ({debut, fin: debut + PAS, n, queue: debut < -BORNE || debut >= BORNE})), parTaille};
}

export async function validationMoins3Ans(conn: DuckDBConnection) {
  const lire = async <T>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as unknown as T[];
  // Communes and PLM arrondissements: the Cnaf publishes Paris, Lyon and Marseille by arrondissement.
  const naissances = await lire<ObservationNaissances>("SELECT code, annee, naissances::DOUBLE AS naissances FROM naissance WHERE niveau IN ('COM', 'ARM')");
  const couverture = await lire<ObservationCouverture>(
    "SELECT code, annee, places::DOUBLE AS places, taux FROM caf_couverture WHERE niveau = 'com' AND mode = 'ensemble' AND statut <> 'sans_territoire'"
  );
  const annees = couverture.map((c) => c.annee);
  return {
    annees: annees.length ? [Math.min(...annees), Math.max(...annees)] : null,
    estimation: resume(validerEstimation(naissances, couverture)),
    decalee: resume(validerEstimation(naissances, couverture, {decalage: 1}))
  };
}
