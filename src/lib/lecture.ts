// One-line automatic readings of a figure against the département and France,
// generated from the numbers only (no judgement the numbers do not support).
import type {Agregat, AgregatResume} from "./agregation.js";
import type {Indicateur} from "./indicateurs.js";
import {formatDecimal, formatEntier} from "./format.js";

// Rates (shares, coverage) differ in points; counts, amounts and per-mille rates in % of the reference.
const POINTS: Indicateur["unite"][] = ["pourcent", "places100"];
const ENTIER: readonly Agregat["statut"][] = ["complet", "approximatif"];

function ecart(i: Indicateur, v: number, ref: number, nomRef: string): string | null {
  if (POINTS.includes(i.unite)) {
    const d = v - ref;
    if (Math.abs(d) < 0.5) return `proche de la valeur ${nomRef}`;
    return `${d > 0 ? "supérieur" : "inférieur"} de ${formatDecimal(Math.abs(d))} point${Math.abs(d) >= 2 ? "s" : ""} à la valeur ${nomRef}`;
  }
  if (i.unite === "nombre" || i.unite === "habitants") return null; // counts are not compared with larger areas
  const r = ((v - ref) / ref) * 100;
  if (Math.abs(r) < 2) return `proche de la valeur ${nomRef}`;
  return `${r > 0 ? "supérieur" : "inférieur"} de ${formatEntier(Math.abs(r))} % à la valeur ${nomRef}`;
}

type Point = {annee: string; valeur: number | null; statut: Agregat["statut"]; saisi: boolean};

export interface Tendance {
  debut: string;
  fin: string;
  /** Rates move in points; counts and amounts in % of the first value. */
  ecart: number;
  enPoints: boolean;
  stable: boolean;
  /** The comparable points the trend is drawn from (for a sparkline). */
  points: {annee: string; valeur: number}[];
}

/**
 * A trend compares like with like: figures of the same kind as the latest (an entry with entries,
 * complete sums with complete sums, partial paired rates with partial paired rates). Null below two points.
 */
export function tendance(i: Indicateur, evolution: readonly Point[]): Tendance | null {
  const presents = evolution.filter((e) => e.valeur != null);
  const ref = [...presents].reverse().find((e) => ENTIER.includes(e.statut)) ?? presents[presents.length - 1];
  const connues = presents.filter((e) => ref && e.saisi === ref.saisi && ENTIER.includes(e.statut) === ENTIER.includes(ref.statut));
  if (connues.length < 2) return null;
  const [a, b] = [connues[0]!, connues[connues.length - 1]!];
  const enPoints = POINTS.includes(i.unite);
  const ecart = enPoints ? b.valeur! - a.valeur! : ((b.valeur! - a.valeur!) / a.valeur!) * 100;
  return {debut: a.annee, fin: b.annee, ecart, enPoints, stable: Math.abs(ecart) < (enPoints ? 0.5 : 1), points: connues.map((e) => ({annee: e.annee, valeur: e.valeur!}))};
}

export function lecture(i: Indicateur, valeur: Agregat, dep: AgregatResume | null, fr: AgregatResume | null, evolution: Point[]): string {
  if (valeur.valeur == null) return "Non disponible dans les données chargées pour ce territoire.";
  const phrases: string[] = [];
  const comparaisons = [
    dep?.valeur != null ? ecart(i, valeur.valeur, dep.valeur, "départementale") : null,
    fr?.valeur != null ? ecart(i, valeur.valeur, fr.valeur, "nationale") : null
  ].filter((p): p is string => !!p);
  if (comparaisons.length) phrases.push(`${comparaisons.join(", ")}.`.replace(/^./, (c) => c.toUpperCase()));
  const t = tendance(i, evolution);
  if (t) {
    const sens = t.stable ? "stable" : `en ${t.ecart > 0 ? "hausse" : "baisse"} de ${formatDecimal(Math.abs(t.ecart))}${t.enPoints ? " point" + (Math.abs(t.ecart) >= 2 ? "s" : "") : " %"}`;
    phrases.push(`${sens.replace(/^./, (c) => c.toUpperCase())} entre ${t.debut} et ${t.fin}.`);
  }
  if (valeur.statut === "incomplet") phrases.push(`Calculé sur ${formatEntier(valeur.retenues)} commune${valeur.retenues > 1 ? "s" : ""} ; ${formatEntier(valeur.manquantes.length)} sans donnée publiée (secret statistique ou commune non couverte).`);
  if (valeur.statut === "approximatif") phrases.push("Valeurs arrondies par l'éditeur : total approximatif.");
  if (!phrases.length) phrases.push("Une seule année disponible, sans valeur de comparaison : pas de lecture automatique.");
  return phrases.join(" ");
}
