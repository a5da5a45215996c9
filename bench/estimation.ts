// The calibrated under-3 estimator validated out of sample against the denominators the
// Cnaf's published figures imply (places / taux × 100), on the warehouse the bench just
// built from the real files: each target of issue 15 beside raw births, the same figures
// as the methodology page.
import {existsSync} from "node:fs";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {validationMoins3Ans} from "../entrepot/moins3ans.js";
import {lignesCibles} from "../src/lib/validation-moins3ans.js";
import {CLASSES_TAILLE} from "../src/lib/estimation-moins3ans.js";
import {formatPourcent} from "../src/lib/format.js";
import type {Ligne} from "./mesure.js";

export async function benchEstimation(entrepot: string): Promise<Ligne[]> {
  if (!existsSync(entrepot)) return [{mesure: "Estimation des moins de 3 ans", valeur: `entrepôt ${entrepot} absent : mesure impossible`}];
  const conn = await ouvrirEntrepot(entrepot);
  try {
    const v = await validationMoins3Ans(conn);
    if (!v.brut.n) return [{mesure: "Estimation des moins de 3 ans", valeur: "aucune commune avec naissances et taux de la Cnaf dans l'entrepôt"}];
    const libelle = (c: string) => CLASSES_TAILLE.find((t) => t.id === c)?.libelle ?? c;
    return [
      {mesure: `Communes × années comparées (${v.annees!.join("–")})`, valeur: v.brut.n.toLocaleString("fr-FR")},
      ...lignesCibles(v).map((l): Ligne => ({
        mesure: l.classe === "ensemble" ? l.mesure : `… ${libelle(l.classe)} (${l.n.toLocaleString("fr-FR")})`,
        valeur: `${formatPourcent(l.valeur)} (naissances brutes : ${formatPourcent(l.brut)})`,
        ...(l.cible == null ? {} : {cible: `≤ ${formatPourcent(l.cible)}`, ok: l.atteinte ?? false})
      }))
    ];
  } finally {
    conn.closeSync();
  }
}
