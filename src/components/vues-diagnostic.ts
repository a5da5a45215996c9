// Views of the annexe-1 diagnostic: one card per indicator (value, comparisons, reading,
// definition and source), an evolution chart and a per-commune chart with text alternatives.
import {html} from "htl";
import * as Plot from "@observablehq/plot";
import type {LigneDiagnostic, SectionDiagnostic} from "../lib/diagnostic.js";
import type {AgregatResume} from "../lib/agregation.js";
import {indicateur, type Indicateur} from "../lib/indicateurs.js";
import {formatValeur, formatEntier} from "../lib/format.js";

const TITRES_SECTIONS: Record<string, string> = {
  "démographie": "Démographie", "familles": "Structure familiale", "allocataires et précarité": "Allocataires et fragilités sociales",
  "minima sociaux": "Minima sociaux", "revenus": "Revenus", "logement": "Habitat et logement", "parentalité": "Parentalité",
  "petite enfance": "Petite enfance", "enfance-jeunesse": "Enfance et jeunesse", "cohésion sociale": "Cohésion sociale"
};

const STATUTS: Record<string, string> = {
  complet: "", approximatif: "approximatif (valeurs arrondies par l'éditeur)", incomplet: "incomplet (données masquées ou communes non couvertes)", "non disponible": "non disponible"
};

const tickFormat = (unite: Indicateur["unite"]) => (v: number) => formatValeur(v, unite === "habitants" ? "nombre" : unite);

function graphiqueEvolution(i: Indicateur, l: LigneDiagnostic, width: number): HTMLElement | string {
  const points = l.evolution.filter((e) => e.valeur != null);
  if (points.length < 2) return "";
  const alt = `Évolution de ${i.libelle.toLowerCase()} de ${points[0]!.annee} à ${points[points.length - 1]!.annee} : ` +
    points.map((p) => `${p.annee} ${formatValeur(p.valeur, i.unite)}`).join(", ") + ".";
  const chart = Plot.plot({
    width, height: 140, marginLeft: 60, ariaLabel: alt, ariaDescription: alt,
    x: {label: null, tickFormat: (d: Date) => String(d.getUTCFullYear()), type: "utc"},
    y: {label: null, grid: true, tickFormat: tickFormat(i.unite), nice: true, zero: i.unite !== "habitants"},
    marks: [
      Plot.lineY(points, {x: (d) => new Date(Date.UTC(Number(d.annee), 0, 1)), y: "valeur", stroke: "var(--ctg-accent)"}),
      Plot.dot(points, {x: (d) => new Date(Date.UTC(Number(d.annee), 0, 1)), y: "valeur", fill: "var(--ctg-accent)", tip: true, title: (d) => `${d.annee} : ${formatValeur(d.valeur, i.unite)}`})
    ]
  });
  return html`<figure class="graphique">${chart}<figcaption class="sr">${alt}</figcaption></figure>`;
}

const COMPTAGES: Indicateur["unite"][] = ["nombre", "habitants"];

/** Counts per commune go in a table; rates and amounts, comparable across communes, in a chart. */
function detailCommunes(i: Indicateur, l: LigneDiagnostic, nomCommune: (c: string) => string, width: number): HTMLElement | string {
  if (l.communes.length < 2) return "";
  if (!COMPTAGES.includes(i.unite) && l.communes.length <= 80) return graphiqueCommunes(i, l, nomCommune, width);
  const lignes = [...l.communes].sort((a, b) => (b.valeur ?? -1) - (a.valeur ?? -1));
  return html`<details class="detail-communes"><summary>Détail par commune (${l.communes.length})</summary>
    <table><thead><tr><th scope="col">Commune</th><th scope="col" class="nombre">${l.annee}</th></tr></thead>
    <tbody>${lignes.map((c) => html`<tr><td>${nomCommune(c.code)}</td><td class="nombre">${formatValeur(c.valeur, i.unite)}</td></tr>`)}</tbody></table></details>`;
}

function graphiqueCommunes(i: Indicateur, l: LigneDiagnostic, nomCommune: (c: string) => string, width: number): HTMLElement | string {
  const lignes = l.communes.filter((c) => c.valeur != null).map((c) => ({...c, nom: nomCommune(c.code)}));
  if (lignes.length < 2) return "";
  const min = lignes.reduce((a, b) => (a.valeur! <= b.valeur! ? a : b));
  const max = lignes.reduce((a, b) => (a.valeur! >= b.valeur! ? a : b));
  const alt = `${i.libelle} par commune en ${l.annee} : de ${formatValeur(min.valeur, i.unite)} (${min.nom}) à ${formatValeur(max.valeur, i.unite)} (${max.nom}).`;
  const chart = Plot.plot({
    width, height: 22 * lignes.length + 40, marginLeft: 170, ariaLabel: alt,
    x: {label: null, grid: true, tickFormat: tickFormat(i.unite), axis: "top"},
    y: {label: null},
    marks: [
      Plot.barX(lignes, {y: "nom", x: "valeur", fill: "var(--ctg-accent)", sort: {y: "-x"}, title: (d) => `${d.nom} : ${formatValeur(d.valeur, i.unite)}`}),
      ...(l.departement?.valeur != null && i.unite !== "nombre" && i.unite !== "habitants" ? [Plot.ruleX([l.departement.valeur], {stroke: "#8a4b00", strokeDasharray: "4,3"})] : [])
    ]
  });
  return html`<figure class="graphique">${chart}<figcaption>${alt}${l.departement?.valeur != null && i.unite !== "nombre" && i.unite !== "habitants" ? " Trait pointillé : valeur départementale." : ""}</figcaption></figure>`;
}

/** A comparison value; marked when it covers only part of the area's communes. */
function comparaison(a: AgregatResume | null, i: Indicateur): HTMLElement | string {
  if (!a || a.valeur == null) return formatValeur(null, i.unite);
  // A benchmark the territory's own diagnostic quotes (not loaded from an official file): said, with its source.
  if (a.source) return html`<span title=${a.source}>${formatValeur(a.valeur, i.unite)} <small>(cité par le diagnostic du territoire)</small></span>`;
  if (a.statut !== "incomplet") return formatValeur(a.valeur, i.unite);
  // A count over less than half of the area's communes (e.g. entries for a few communes) says nothing of the area.
  if (COMPTAGES.includes(i.unite) && a.retenues * 2 < a.retenues + a.nbManquantes) {
    return html`<span title=${`Donnée connue pour ${formatEntier(a.retenues)} commune(s) seulement sur ${formatEntier(a.retenues + a.nbManquantes)}.`}>${formatValeur(null, i.unite)}</span>`;
  }
  const titre = `Valeur partielle : ${formatEntier(a.retenues)} commune(s) sur ${formatEntier(a.retenues + a.nbManquantes)} ont une donnée publiée.`;
  return html`<span title=${titre}>${formatValeur(a.valeur, i.unite)}<sup>*</sup><span class="sr"> (${titre})</span></span>`;
}

export function carteIndicateur(l: LigneDiagnostic, {nomCommune, width = 640}: {nomCommune: (c: string) => string; width?: number}): HTMLElement {
  const i = indicateur(l.id);
  const statut = STATUTS[l.valeur.statut];
  return html`<article class="card indicateur" data-indicateur=${i.id}>
    <h3>${i.libelle}${l.annee ? html` <small>(${l.annee})</small>` : ""}</h3>
    <div class="valeurs">
      <div><span class="big" data-figure=${i.id}>${formatValeur(l.valeur.valeur, i.unite)}</span>${statut ? html`<br><small class="alerte">${statut}</small>` : ""}</div>
      <dl class="comparaisons">
        <dt>Département</dt><dd>${comparaison(l.departement, i)}</dd>
        <dt>France</dt><dd>${comparaison(l.france, i)}</dd>
      </dl>
    </div>
    <p class="lecture">${l.lecture}</p>
    ${l.departement?.statut === "incomplet" || l.france?.statut === "incomplet" ? html`<p class="definition">* Valeur partielle : seules les communes couvertes par la source y contribuent.</p>` : ""}
    ${graphiqueEvolution(i, l, width)}
    ${detailCommunes(i, l, nomCommune, width)}
    <p class="definition">${i.definition}${i.couverture ? ` ${i.couverture}` : ""}</p>
    <p class="source">Source : ${l.valeur.source ? `${l.valeur.source} (saisie des analystes)` : `${i.source}, ${l.annee ?? i.millesime}${l.valeur.publie ? " (chiffre publié pour ce territoire, non une somme de ses communes)" : ""}`}.${denominateur(i, l)}${l.valeur.statut === "incomplet" && l.valeur.manquantes.length ? ` Sans donnée : ${l.valeur.manquantes.length <= 12 ? l.valeur.manquantes.map(nomCommune).join(", ") : `${formatEntier(l.valeur.manquantes.length)} communes`}.` : ""}</p>
  </article>`;
}

export function sectionDiagnostic(s: SectionDiagnostic, options: {nomCommune: (c: string) => string; width?: number}): HTMLElement {
  // Indicators with no figure for this territory are listed in one line, not as empty cards.
  const presents = s.lignes.filter((l) => l.valeur.valeur != null);
  const absents = s.lignes.filter((l) => l.valeur.valeur == null);
  return html`<section class="section-diagnostic" data-section=${s.section}>
    <h2>${TITRES_SECTIONS[s.section] ?? s.section}</h2>
    ${presents.length ? html`<div class="grid grid-cols-2">${presents.map((l) => carteIndicateur(l, options))}</div>` : ""}
    ${absents.length ? html`<p class="absents">Non disponible${absents.length > 1 ? "s" : ""} pour ce territoire dans les données chargées : ${absents.map((l, k) => html`${k ? ", " : ""}<a href=${`./methodologie#indicateur-${l.id}`}>${indicateur(l.id).libelle.toLowerCase()}</a>`)}.</p>` : ""}
  </section>`;
}

/** Both years of a ratio: the numerator's (the line's year) and the denominator's (a population: its millésime, in force 3 years later). */
function denominateur(i: Indicateur, l: LigneDiagnostic): string {
  const a = l.valeur.anneeDenominateur;
  if (i.calcul.type !== "ratio" || !a || l.annee == null) return "";
  return /^pop_/.test(i.calcul.denominateur)
    ? ` Numérateur ${l.annee} ; population légale millésime ${a} (en vigueur au 1er janvier ${Number(a) + 3}).`
    : a === l.annee ? "" : ` Numérateur ${l.annee} ; dénominateur ${a}.`;
}
