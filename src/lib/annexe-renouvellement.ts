// What the Word annexe adds for a renewal, beside the page's sections: where the territory
// stands among its peers (the figures of pairs.ts, a small table per section) and the
// previous convention's period (periode.ts: start → end, change), as compact tables. The
// CLI (`ctg diagnostic --docx`) and the page's Word download build it the same way. Pure.
import {formatEntier, formatValeur} from "./format.js";
import {indicateur, type Section} from "./indicateurs.js";
import {indicesPairs, libellePairs, positionsParmiPairs, type LignePairs, type PairsTerritoire, type Parmi} from "./pairs.js";
import {comparerPeriode, derniereAnneeConnue, periodeParDefaut, texteEcart, type Convention, type LignePeriode, type Periode} from "./periode.js";
import type {ContexteDiagnostic} from "./diagnostic.js";

/** One indicator of the territory among its peers, as printed. */
export interface LignePairsAnnexe {
  id: string;
  libelle: string;
  annee: string;
  /** The territory's value (« * » when partial). */
  valeur: string;
  /** « 12e sur 1 254 ». */
  rang: string;
  /** « 45e centile ». */
  centile: string;
  mediane: string;
  /** « 6,1 % – 9,8 % ». */
  quartiles: string;
}

export interface PairsAnnexe {
  /** Who the peers are: « EPCI — tous les territoires du même niveau en France (1 254) ». */
  libelle: string;
  /** Indicators with a position, by section of the diagnostic. */
  parSection: Partial<Record<Section, LignePairsAnnexe[]>>;
}

export interface LignePeriodeAnnexe {
  id: string;
  libelle: string;
  debut: string;
  fin: string;
  ecart: string;
  /** Numbers (1-based) of the period's notes this line calls. */
  notes: number[];
}

export interface PeriodeAnnexe {
  periode: Periode;
  /** Why this period: « convention précédente (2021–2024) », « 4 dernières années connues ». */
  origine: string;
  lignes: LignePeriodeAnnexe[];
  /** The warnings (other years, sources or perimeters at the two ends), each once, numbered from 1. */
  notes: string[];
  /** Indicators known at only one end, or not at all, over the period. */
  sansEvolution: number;
}

export interface ComplementsAnnexe {
  pairs: PairsAnnexe | null;
  periode: PeriodeAnnexe | null;
}

/** The territory (the first of the file's targets) among `parmi`, indicator by indicator, grouped by section. */
export function pairsAnnexe(p: PairsTerritoire, parmi: Exclude<Parmi, "similaires"> = "france"): PairsAnnexe {
  const indices = indicesPairs(p.fichier, p.cible, parmi);
  const parSection: PairsAnnexe["parSection"] = {};
  for (const l of positionsParmiPairs(p.fichier, indices, [p.cible.valeurs])) {
    const ligne = ligneAnnexe(l);
    if (ligne) (parSection[indicateur(l.id).section] ??= []).push(ligne);
  }
  return {libelle: libellePairs(p, parmi, indices.length), parSection};
}

function ligneAnnexe(l: LignePairs): LignePairsAnnexe | null {
  const t = l.territoires[0];
  const r = l.repartition;
  if (!t?.position || t.valeur == null || !r) return null;
  const i = indicateur(l.id);
  const v = (x: number) => formatValeur(x, i.unite);
  return {
    id: l.id, libelle: i.libelle, annee: l.annee, valeur: `${v(t.valeur)}${t.partielle ? "*" : ""}`,
    rang: `${formatEntier(t.position.rang)}e sur ${formatEntier(t.position.sur)}`, centile: `${formatEntier(Math.round(t.position.percentile))}e centile`,
    mediane: v(r.mediane), quartiles: `${v(r.q1)} – ${v(r.q3)}`
  };
}

/** Every indicator known at both ends of the period; the warnings become numbered notes, each said once. */
export function periodeAnnexe(lignes: readonly LignePeriode[], periode: Periode & {origine: string}): PeriodeAnnexe {
  const notes: string[] = [];
  const note = (a: string) => (notes.includes(a) ? notes.indexOf(a) : notes.push(a) - 1) + 1;
  const avec = lignes.filter((l) => l.debut && l.fin);
  return {
    periode: {debut: periode.debut, fin: periode.fin}, origine: periode.origine, notes,
    sansEvolution: lignes.filter((l) => !(l.debut && l.fin) && l.anneesDisponibles.length).length,
    lignes: avec.map((l) => {
      const i = indicateur(l.id);
      return {
        id: l.id, libelle: i.libelle, ecart: texteEcart(l), notes: l.avertissements.map(note),
        debut: `${formatValeur(l.debut!.valeur, i.unite)} (${l.debut!.annee})`, fin: `${formatValeur(l.fin!.valeur, i.unite)} (${l.fin!.annee})`
      };
    })
  };
}

/**
 * Both complements for a territory: its peers when it has some (`parmi`: all of France by
 * default, as on the page), and the period asked for, else the previous convention's, else
 * the four years ending with the latest births known (periodeParDefaut).
 */
export function complementsAnnexe(ctx: ContexteDiagnostic, o: {pairs: PairsTerritoire | null; parmi?: Exclude<Parmi, "similaires">; conventions?: readonly Convention[]; periode?: Periode}): ComplementsAnnexe {
  const derniere = derniereAnneeConnue(ctx);
  const periode = o.periode ? {...o.periode, origine: "période demandée"} : derniere == null ? null : periodeParDefaut(o.conventions, derniere);
  return {pairs: o.pairs && pairsAnnexe(o.pairs, o.parmi), periode: periode && periodeAnnexe(comparerPeriode(ctx, periode), periode)};
}
