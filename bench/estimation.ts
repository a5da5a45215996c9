// The under-3 estimator (births of the last three years) against the denominators the
// Cnaf's published figures imply (places / taux × 100), on the warehouse the bench just
// built from the real files: the same figures as the methodology page.
import {existsSync} from "node:fs";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {validationMoins3Ans} from "../entrepot/validation-moins3ans.js";
import {formatEcartPourcent, formatPourcent} from "../src/lib/format.js";
import type {Ligne} from "./mesure.js";

export async function benchEstimation(entrepot: string): Promise<Ligne[]> {
  if (!existsSync(entrepot)) return [{mesure: "Estimation des moins de 3 ans", valeur: `entrepôt ${entrepot} absent : mesure impossible`}];
  const conn = await ouvrirEntrepot(entrepot);
  try {
    const v = await validationMoins3Ans(conn);
    const e = v.estimation;
    if (!e.n) return [{mesure: "Estimation des moins de 3 ans", valeur: "aucune commune avec naissances et taux de la Cnaf dans l'entrepôt"}];
    return [
      {mesure: `Communes × années comparées (${v.annees!.join("–")})`, valeur: e.n.toLocaleString("fr-FR")},
      {mesure: "Écart signé : médiane (1er – 3e quartile)", valeur: `${formatEcartPourcent(e.mediane)} (${formatEcartPourcent(e.q1)} à ${formatEcartPourcent(e.q3)})`},
      {mesure: "Écart absolu : médiane / moyenne", valeur: `${formatPourcent(e.erreurAbsolueMedianePct)} / ${formatPourcent(e.erreurAbsolueMoyennePct)}`},
      ...e.parTaille.map((t) => ({mesure: `… écart absolu médian, ${t.libelle} (${t.n.toLocaleString("fr-FR")})`, valeur: formatPourcent(t.erreurAbsolueMedianePct)})),
      {mesure: "Variante décalée d'un an : écart absolu médian", valeur: formatPourcent(v.decalee.erreurAbsolueMedianePct)}
    ];
  } finally {
    conn.closeSync();
  }
}
