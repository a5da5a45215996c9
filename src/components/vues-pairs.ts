// Views of peers (src/lib/pairs.ts, similarite.ts): where each territory stands among its
// peers (a band chart per indicator: range, interquartile band, median, the territories'
// values; and the same in a table), and the similar territories with their distance explained.
import {html} from "htl";
import {defilant} from "./defilant.js";
import * as Plot from "@observablehq/plot";
import {indicateur} from "../lib/indicateurs.js";
import {formatDecimal, formatEntier, formatValeur} from "../lib/format.js";
import {indicesPairs, libellePairs, positionsParmiPairs, type LignePairs, type LigneSimilaire, type Parmi} from "../lib/pairs.js";
import {COLONNES_PAIRS, lignesPositions} from "../lib/exports-bilan.js";
import {boutonsExport} from "./telechargements.js";
import type {PairsTerritoire} from "../lib/pairs.js";
import {NORMALISATIONS, type ResultatSimilarite} from "../lib/similarite.js";

/** One colour per compared territory (colour-blind safe, Tableau 10), and a symbol, for print in grey. */
export const COULEURS = ["#1d5fa7", "#e15759", "#59a14f", "#b07aa1"];
const SYMBOLES = ["circle", "square", "triangle", "diamond"] as const;

const percentile = (p: number) => `${formatEntier(Math.round(p))}e centile`;

function cellule(l: LignePairs, k: number): HTMLElement | string {
  const t = l.territoires[k];
  const u = indicateur(l.id).unite;
  if (!t || t.valeur == null) return "n.d.";
  return html`<span>${formatValeur(t.valeur, u)}${t.partielle ? html`<sup title="valeur partielle">*</sup>` : ""}${t.position ? html`<br><small>${formatEntier(t.position.rang)}e sur ${formatEntier(t.position.sur)} · ${percentile(t.position.percentile)}</small>` : ""}</span>`;
}

/** Band chart of one indicator: min–max line, interquartile band, median tick, one mark per territory. */
function bande(l: LignePairs, noms: readonly string[], width: number): HTMLElement {
  const i = indicateur(l.id);
  const r = l.repartition!;
  const points = l.territoires.flatMap((t, k) => (t.valeur == null ? [] : [{nom: noms[k]!, valeur: t.valeur, k}]));
  const log = (i.unite === "nombre" || i.unite === "habitants") && r.min > 0;
  const alt = `${i.libelle} (${l.annee}) parmi ${formatEntier(r.n)} pairs : médiane ${formatValeur(r.mediane, i.unite)}, la moitié entre ${formatValeur(r.q1, i.unite)} et ${formatValeur(r.q3, i.unite)}` +
    (points.length ? ` ; ${points.map((p) => `${p.nom} ${formatValeur(p.valeur, i.unite)}`).join(", ")}.` : ".");
  const y = () => "pairs";
  const chart = Plot.plot({
    width, height: 64, marginLeft: 30, marginRight: 30, marginTop: 6, ariaLabel: alt, // margins: the end tick labels and dots are not clipped
    x: {type: log ? "log" : "linear", label: null, tickFormat: (v: number) => formatValeur(v, i.unite === "habitants" ? "nombre" : i.unite), ticks: Math.max(2, Math.floor(width / (i.unite === "euros" ? 110 : 80))), grid: true},
    y: {axis: null},
    symbol: {domain: noms as string[], range: SYMBOLES as unknown as string[]},
    color: {domain: noms as string[], range: COULEURS},
    marks: [
      Plot.ruleY([r], {x1: "min", x2: "max", y, stroke: "#999"}),
      Plot.barX([r], {x1: "q1", x2: "q3", y, fill: "#cfe0f3", stroke: "#8fb3dc", insetTop: 8, insetBottom: 8}),
      Plot.tickX([r], {x: "mediane", y, stroke: "#333", strokeWidth: 2, insetTop: 4, insetBottom: 4}),
      Plot.dot(points, {x: "valeur", y, fill: "nom", symbol: "nom", r: 6, stroke: "white", title: (d) => `${d.nom} : ${formatValeur(d.valeur, i.unite)}`})
    ]
  });
  return html`<figure class="graphique bande-pairs" data-indicateur=${l.id}><figcaption><strong>${i.libelle}</strong> (${l.annee})</figcaption>${chart}<figcaption class="sr">${alt}</figcaption></figure>`;
}

export function legendeTerritoires(noms: readonly string[]): HTMLElement {
  const formes = ["●", "■", "▲", "◆"];
  return html`<p class="legende-pairs">${noms.map((n, k) => html`<span style=${`color:${COULEURS[k]}`}>${formes[k]}</span> ${n}${k < noms.length - 1 ? " · " : ""}`)} · <span class="bande-legende"></span> la moitié des pairs (1er–3e quartile), | médiane, — étendue</p>`;
}

/** Position of the territories among the peers: band charts and a table. */
export function positionPairs(lignes: readonly LignePairs[], noms: readonly string[], {pairs, width = 640}: {pairs: string; width?: number}): HTMLElement {
  const connues = lignes.filter((l) => l.repartition && l.territoires.some((t) => t.valeur != null));
  if (!connues.length) return html`<div class="position-pairs"><p class="absents">Pairs : ${pairs}. Aucun indicateur connu à la fois pour ces pairs et pour le territoire : choisissez d'autres pairs.</p></div>`;
  return html`<div class="position-pairs">
    <p>Pairs : ${pairs}. Chaque valeur est celle du territoire entier (un taux : Σ numérateurs / Σ dénominateurs de ses communes), à la même année pour tous.</p>
    ${legendeTerritoires(noms)}
    <div class="grille-bandes">${connues.map((l) => bande(l, noms, width))}</div>
    ${defilant(html`<table class="tableau-pairs">
      <caption>Rang (1 = valeur la plus haute) et centile parmi les pairs</caption>
      <thead><tr><th scope="col">Indicateur</th>${noms.map((n) => html`<th scope="col" class="nombre">${n}</th>`)}<th scope="col" class="nombre">Médiane des pairs</th><th scope="col" class="nombre">1er – 3e quartile</th><th scope="col" class="nombre">Pairs</th></tr></thead>
      <tbody>${connues.map((l) => {
        const i = indicateur(l.id);
        const r = l.repartition!;
        return html`<tr data-indicateur=${l.id}><th scope="row">${i.libelle} <small>(${l.annee})</small><br><small>${i.source}</small></th>
          ${noms.map((_, k) => html`<td class="nombre">${cellule(l, k)}</td>`)}
          <td class="nombre">${formatValeur(r.mediane, i.unite)}</td><td class="nombre">${formatValeur(r.q1, i.unite)} – ${formatValeur(r.q3, i.unite)}</td>
          <td class="nombre">${formatEntier(r.n)}${l.partielles ? html`<br><small>dont ${formatEntier(l.partielles)} partielles</small>` : ""}</td></tr>`;
      })}</tbody></table>`)}
    <p class="source">* valeur partielle : calculée sur les seules communes couvertes par la source (fichiers à l'IRIS de la Cnaf). Un total incomplet n'est pas comparé. Centile : part des pairs sous la valeur (les ex æquo comptent pour moitié).</p>
  </div>`;
}

/** The similar territories, how far each is and on which indicators the gap lies. */
export function tableauSimilaires(r: ResultatSimilarite & {lignes: LigneSimilaire[]}, {nom, candidats, libelleExclus}: {nom: string; candidats: string; libelleExclus: (id: string) => string}): HTMLElement {
  const e = r.echelles;
  const manquants = new Map<string, number>();
  for (const x of r.exclus) for (const m of x.manquants) manquants.set(m, (manquants.get(m) ?? 0) + 1);
  return html`<div class="similaires">
    <p class="explication">Distance : moyenne quadratique des écarts standardisés sur ${e.length} indicateur${e.length > 1 ? "s" : ""} (${NORMALISATIONS[r.normalisation]}, calculée sur ${candidats})${e.some((x) => x.log) ? ` ; ${e.filter((x) => x.log).map((x) => indicateur(x.indicateur).libelle.toLowerCase()).join(", ")} comparé${e.filter((x) => x.log).length > 1 ? "s" : ""} en logarithme (un rapport de 1 à 10 compte autant à toutes les tailles)` : ""}. 0 = identique ; 1 = en moyenne un écart type d'écart par indicateur. À égalité, l'ordre des codes départage.</p>
    ${r.ignores.length ? html`<p class="alerte">Indicateurs écartés : ${r.ignores.map((x) => `${indicateur(x.indicateur).libelle.toLowerCase()} (${x.raison})`).join(" ; ")}.</p>` : ""}
    ${r.exclus.length ? html`<p class="absents">${formatEntier(r.exclus.length)} territoire${r.exclus.length > 1 ? "s" : ""} exclu${r.exclus.length > 1 ? "s" : ""} faute de valeur : ${[...manquants].map(([id, n]) => `${indicateur(id).libelle.toLowerCase()} (${formatEntier(n)})`).join(", ")}. Exemple : ${libelleExclus(r.exclus[0]!.id)}.</p>` : ""}
    ${defilant(html`<table class="tableau-similaires">
      <caption>Territoires les plus semblables à ${nom}</caption>
      <thead><tr><th scope="col">Rang</th><th scope="col">Territoire</th><th scope="col" class="nombre">Distance</th>${e.map((x) => html`<th scope="col" class="nombre">${indicateur(x.indicateur).libelle}</th>`)}</tr></thead>
      <tbody>${r.lignes.map((l) => html`<tr data-id=${l.id}><td>${l.rang}</td><th scope="row">${l.nom ?? l.id}</th><td class="nombre">${formatDecimal(l.distance, 2)}</td>
        ${e.map((x) => {
          const i = indicateur(x.indicateur);
          const ecart = l.ecarts[x.indicateur]!;
          return html`<td class="nombre">${formatValeur(l.valeurs[x.indicateur], i.unite)}<br><small title="écart standardisé au territoire étudié, et part de la distance">${ecart >= 0 ? "+" : "−"}${formatDecimal(Math.abs(ecart), 2)} · ${formatEntier(Math.round((l.parts[x.indicateur] ?? 0) * 100))} %</small></td>`;
        })}</tr>`)}</tbody></table>`)}
    <p class="source">Sous chaque valeur : écart standardisé au territoire étudié (signé) et part de la distance due à cet indicateur.</p>
  </div>`;
}

/** The diagnostic's peers section: the territory among every peer of France, of its région, of its kind (choice kept in the URL). */
export function sectionPairsDiagnostic(p: PairsTerritoire, nom: string, {width = 640}: {width?: number} = {}): HTMLElement {
  const choix = ["france", "region", "type"] as const;
  const libelles = {france: "toute la France", region: `région ${p.nomRegion}`, type: "même nature"};
  const depart = new URLSearchParams(location.search).get("parmi");
  let parmi: Parmi = (choix as readonly string[]).includes(depart ?? "") ? (depart as Parmi) : "france";
  const contenu = html`<div></div>` as HTMLElement;
  const afficher = () => {
    const indices = indicesPairs(p.fichier, p.cible, parmi);
    const libelle = libellePairs(p, parmi, indices.length);
    const lignes = positionsParmiPairs(p.fichier, indices, [p.cible.valeurs]);
    contenu.replaceChildren(positionPairs(lignes, [nom], {pairs: libelle, width}),
      boutonsExport(`position-pairs-${nom}`, COLONNES_PAIRS, lignesPositions(lignes, [nom], libelle), "Pairs"));
  };
  const radios = html`<fieldset class="choix-pairs no-print"><legend>Comparer aux ${p.niveau}</legend>${choix.map((c) => html`<label><input type="radio" name="parmi-diagnostic" value=${c} checked=${c === parmi} onchange=${() => {
    parmi = c;
    const u = new URL(location.href);
    u.searchParams.set("parmi", c);
    history.replaceState(null, "", u);
    afficher();
  }}> ${libelles[c]}</label> `)}</fieldset>`;
  afficher();
  // Folded by default: the annexe itself stays a few screens long (and prints without it); opened, it is in the URL.
  return html`<details class="section-pairs" open=${new URLSearchParams(location.search).has("parmi")}>
    <summary><h2>Position parmi les pairs</h2></summary>${radios}${contenu}</details>`;
}
