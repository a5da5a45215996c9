// One-line automatic readings of a figure against the département and France,
// generated from the numbers only (no judgement the numbers do not support).
import {nombreManquantes, type Agregat, type AgregatResume} from "./agregation.js";
import type {Indicateur} from "./indicateurs.js";
import {formatDecimal, formatEntier} from "./format.js";
import {couvreTerritoire, textePerimetre, type Perimetre, type SerieEvolution} from "./perimetre.js";

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

/** A point of an evolution; `serie` (LigneDiagnostic.series) when known: a trend never crosses two series. */
type Point = {annee: string; valeur: number | null; statut: Agregat["statut"]; saisi: boolean; serie?: number};

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
 * A trend compares like with like: figures of the series of the headline year `annee` (one source,
 * one perimeter) and of the same kind (an entry with entries, complete sums with complete sums,
 * partial paired rates with partial paired rates). Null below two points.
 */
export function tendance(i: Indicateur, evolution: readonly Point[], annee?: string | null): Tendance | null {
  const presents = evolution.filter((e) => e.valeur != null);
  const ref = presents.find((e) => e.annee === annee) ?? [...presents].reverse().find((e) => ENTIER.includes(e.statut)) ?? presents[presents.length - 1];
  const connues = presents.filter((e) => ref && e.serie === ref.serie && e.saisi === ref.saisi && ENTIER.includes(e.statut) === ENTIER.includes(ref.statut));
  if (connues.length < 2) return null;
  const [a, b] = [connues[0]!, connues[connues.length - 1]!];
  const enPoints = POINTS.includes(i.unite);
  const ecart = enPoints ? b.valeur! - a.valeur! : ((b.valeur! - a.valeur!) / a.valeur!) * 100;
  return {debut: a.annee, fin: b.annee, ecart, enPoints, stable: Math.abs(ecart) < (enPoints ? 0.5 : 1), points: connues.map((e) => ({annee: e.annee, valeur: e.valeur!}))};
}

/** Years of a series, « 2016–2017, 2019–2020 ». */
function plages(annees: readonly string[]): string {
  const out: string[][] = [];
  for (const a of annees) {
    const p = out[out.length - 1];
    if (p && Number(a) === Number(p[p.length - 1]) + 1) p.push(a);
    else out.push([a]);
  }
  return out.map((p) => (p.length > 1 ? `${p[0]}–${p[p.length - 1]}` : p[0]!)).join(", ");
}

/** What the headline covers and which series it is among: read only within its series. */
export interface ContexteLecture {
  annee: string | null;
  perimetre: Perimetre;
  series: readonly SerieEvolution[];
}

export function lecture(i: Indicateur, valeur: Agregat, dep: AgregatResume | null, fr: AgregatResume | null, evolution: Point[], ctx?: ContexteLecture): string {
  if (valeur.valeur == null) return "Non disponible dans les données chargées pour ce territoire.";
  const phrases: string[] = [];
  // A figure on part of the territory is said as such first: never read as the territory's.
  if (ctx && !couvreTerritoire(ctx.perimetre)) phrases.push(`Chiffre d'une partie du territoire seulement : ${textePerimetre(ctx.perimetre)}.`);
  const comparaisons = [
    dep?.valeur != null ? ecart(i, valeur.valeur, dep.valeur, "départementale") : null,
    fr?.valeur != null ? ecart(i, valeur.valeur, fr.valeur, "nationale") : null
  ].filter((p): p is string => !!p);
  if (comparaisons.length) phrases.push(`${comparaisons.join(", ")}.`.replace(/^./, (c) => c.toUpperCase()));
  const t = tendance(i, evolution, ctx?.annee);
  if (t) {
    const sens = t.stable ? "stable" : `en ${t.ecart > 0 ? "hausse" : "baisse"} de ${formatDecimal(Math.abs(t.ecart))}${t.enPoints ? " point" + (Math.abs(t.ecart) >= 2 ? "s" : "") : " %"}`;
    phrases.push(`${sens.replace(/^./, (c) => c.toUpperCase())} entre ${t.debut} et ${t.fin}.`);
  }
  if (ctx && ctx.series.length > 1) {
    phrases.push(`Séries distinctes, non comparées entre elles : ${ctx.series.map((s) => `${plages(s.annees)}, ${s.libelle.charAt(0).toLowerCase()}${s.libelle.slice(1)}`).join(" ; ")}.`);
  }
  const partiel = ctx && !couvreTerritoire(ctx.perimetre);
  if (valeur.statut === "incomplet" && !partiel) {
    const manquantes = nombreManquantes(valeur);
    phrases.push(manquantes
      ? `Calculé sur ${formatEntier(valeur.retenues)} commune${valeur.retenues > 1 ? "s" : ""} ; ${formatEntier(manquantes)} sans donnée publiée (secret statistique ou commune non couverte).`
      : "Une partie des données infra-communales est masquée (secret statistique) : total minimal.");
  }
  if (valeur.statut === "approximatif") phrases.push("Valeurs arrondies par l'éditeur : total approximatif.");
  const annees = evolution.filter((e) => e.valeur != null).length;
  if (!phrases.length) phrases.push(annees > 1 ? "Pas de lecture automatique : pas de valeur de comparaison ni d'évolution comparable." : "Une seule année disponible, sans valeur de comparaison : pas de lecture automatique.");
  return phrases.join(" ");
}
