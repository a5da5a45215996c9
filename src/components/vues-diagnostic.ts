// Views of the annexe-1 diagnostic, compact: per section one table (indicator, value with its
// unit, year, département, France, trend, source note), the analysts' text in place, the
// automatic readings marked as generated, a few charts sized to their content, and the
// per-commune detail as a sortable appendix. Everything reads the model of src/lib/annexe.ts.
import {html, svg} from "htl";
import {defilant} from "./defilant.js";
import * as Plot from "@observablehq/plot";
import type {LigneDiagnostic} from "../lib/diagnostic.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatValeur} from "../lib/format.js";
import {dateFr, LEGENDE_DRAPEAUX, lignesPartielles, lignesTerritoire, texteCellule, TITRE_PARTIELLES, type CelluleAnnexe, type LigneAnnexe, type SectionAnnexe, type DetailCommunes} from "../lib/annexe.js";
import {TITRES_RUBRIQUES, type Bloc, type TexteSection} from "../lib/textes-analystes.js";

const valeurCellule = (c: CelluleAnnexe, figure?: string) =>
  html`<span data-figure=${figure} data-drapeau=${c.drapeau ?? ""} title=${c.explication ?? ""}>${texteCellule(c)}</span>`;

/** A 64 × 16 trend line; the figure it draws is said in words next to it. */
function sparkline(points: {valeur: number}[]): SVGElement | string {
  if (points.length < 2) return "";
  const vs = points.map((p) => p.valeur);
  const [min, max] = [Math.min(...vs), Math.max(...vs)];
  const xy = vs.map((v, k) => `${((k / (vs.length - 1)) * 60 + 2).toFixed(1)},${(max === min ? 8 : 14 - ((v - min) / (max - min)) * 12).toFixed(1)}`);
  return svg`<svg class="sparkline" width="64" height="16" viewBox="0 0 64 16" aria-hidden="true"><polyline points=${xy.join(" ")} fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
}

function ligneTableau(l: LigneAnnexe): HTMLElement {
  return html`<tr data-indicateur=${l.id}>
    <th scope="row">${l.libelle} <a class="appel" href=${`#note-${l.note}`} aria-label=${`source : note ${l.note}`}>[${l.note}]</a></th>
    <td class="nombre" data-col="Valeur">${valeurCellule(l.valeur, l.id)}</td>
    <td class="nombre" data-col="Année">${l.annee ?? ""}</td>
    <td class="nombre" data-col="Département">${valeurCellule(l.departement)}</td>
    <td class="nombre" data-col="France">${valeurCellule(l.france)}</td>
    <td class="tendance" data-col="Évolution">${l.tendance ? html`${sparkline(l.tendance.points)} ${l.tendance.texte}` : "—"}</td>
  </tr>`;
}

export function tableauSection(s: SectionAnnexe): HTMLElement | string {
  const [territoire, partielles] = [lignesTerritoire(s), lignesPartielles(s)];
  if (!s.lignes.length) return "";
  return html`<div class="tableaux-section">${territoire.length ? html`<table class="tableau-annexe">
    <thead><tr><th scope="col">Indicateur</th><th scope="col" class="nombre">Valeur</th><th scope="col" class="nombre">Année</th>
      <th scope="col" class="nombre">Département</th><th scope="col" class="nombre">France</th><th scope="col">Évolution</th></tr></thead>
    <tbody>${territoire.map(ligneTableau)}</tbody>
  </table>` : ""}${partielles.length ? tableauPartielles(partielles) : ""}</div>`;
}

/**
 * Figures on part of the territory only: below the headline table, each with the communes it
 * covers, never compared with the département or France. Folded (they are not the territory's
 * figures, and keep the annexe short); the Word and Excel exports carry them in full.
 */
function tableauPartielles(lignes: LigneAnnexe[]): HTMLElement {
  return html`<details class="partielles"><summary>${TITRE_PARTIELLES} : ${lignes.length} chiffre${lignes.length > 1 ? "s" : ""}</summary>
  <table class="tableau-annexe tableau-partiel" data-partiel="">
    <caption>${TITRE_PARTIELLES}</caption>
    <thead><tr><th scope="col">Indicateur</th><th scope="col" class="nombre">Valeur</th><th scope="col" class="nombre">Année</th>
      <th scope="col">Communes couvertes</th><th scope="col">Évolution</th></tr></thead>
    <tbody>${lignes.map((l) => html`<tr data-indicateur=${l.id}>
      <th scope="row">${l.libelle} <a class="appel" href=${`#note-${l.note}`} aria-label=${`source : note ${l.note}`}>[${l.note}]</a></th>
      <td class="nombre" data-col="Valeur">${valeurCellule(l.valeur, l.id)}</td>
      <td class="nombre" data-col="Année">${l.annee ?? ""}</td>
      <td data-col="Communes couvertes" data-perimetre="">${l.perimetre}</td>
      <td class="tendance" data-col="Évolution">${l.tendance ? html`${sparkline(l.tendance.points)} ${l.tendance.texte}` : "—"}</td>
    </tr>`)}</tbody>
  </table></details>`;
}

function bloc(b: Bloc): HTMLElement {
  if (b.type === "titre") return html`<h4>${b.texte}</h4>`;
  if (b.type === "liste") return html`<ul>${b.items.map((x) => html`<li>${x}</li>`)}</ul>`;
  return html`<p>${b.texte}</p>`;
}

/** Blocks under a "####" heading stay together (not split across columns); other blocks flow one by one. */
function groupes(blocs: readonly Bloc[]): HTMLElement[] {
  const out: Bloc[][] = [];
  for (const b of blocs) {
    const dernier = out[out.length - 1];
    if (b.type !== "titre" && dernier?.[0]?.type === "titre") dernier.push(b);
    else out.push([b]);
  }
  return out.map((g) => html`<div class=${g[0]!.type === "titre" ? "groupe titre" : "groupe"}>${g.map(bloc)}</div>`);
}

/** The analysts' constats, enjeux and priorités, signed. */
export function texteAnalyste(textes: readonly TexteSection[], note: number | null): HTMLElement | string {
  if (!textes.length) return "";
  const t = textes[0]!;
  return html`<div class="texte-analyste">
    ${textes.map((x) => html`<div class="rubrique" data-rubrique=${x.rubrique}><h3>${TITRES_RUBRIQUES[x.rubrique]}</h3><div class="groupes">${groupes(x.blocs)}</div></div>`)}
    <p class="signature">Texte des analystes : ${t.auteur}, ${dateFr(t.date)} <a href=${`#note-${note}`} aria-label=${`Source, note ${note}`}>[${note}]</a>.</p>
  </div>`;
}

/** Readings generated from the numbers: folded, and left out of the print where the analysts wrote. */
function lectures(s: SectionAnnexe): HTMLElement | string {
  const utiles = s.lignes.filter((l) => !l.lecture.startsWith("Une seule année"));
  if (!utiles.length) return "";
  return html`<details class=${`lectures-auto${s.textes.length ? " no-print" : ""}`}>
    <summary>Lectures générées automatiquement à partir des chiffres (${utiles.length})</summary>
    <ul>${utiles.map((l) => html`<li><strong>${l.libelle}</strong> : ${l.lecture}</li>`)}</ul>
  </details>`;
}

export function sectionAnnexe(s: SectionAnnexe, graphiques: (HTMLElement | string)[] = []): HTMLElement {
  const chiffres = [
    tableauSection(s),
    s.absents.length ? html`<p class="absents">Non disponible${s.absents.length > 1 ? "s" : ""} dans les données chargées : ${s.absents.map((a, k) => html`${k ? ", " : ""}<a href=${`./methodologie#indicateur-${a.id}`}>${a.libelle.toLowerCase()}</a>`)}.</p>` : "",
    graphiques.length ? html`<div class="graphiques-section">${graphiques}</div>` : "",
    lectures(s)
  ];
  // On a wide screen the analysts' text and the figures sit side by side.
  const classe = `section-annexe${s.textes.length && s.lignes.length ? " avec-texte" : s.textes.length ? " texte-seul" : ""}`;
  return html`<section class=${classe} data-section=${s.id}>
    <h2>${s.titre}</h2>
    ${s.textes.length ? html`<div class="colonne-texte">${texteAnalyste(s.textes, s.noteTexte)}</div>` : ""}
    <div class="colonne-chiffres">${chiffres}</div>
  </section>`;
}

/** The flags' legend, said once for every table of the page (and again under the sources). */
export const legendeDrapeaux = (): HTMLElement => html`<p class="legende">${LEGENDE_DRAPEAUX}</p>`;

export function notesSources(notes: readonly string[]): HTMLElement {
  return html`<section class="notes-sources"><h2>Sources</h2><ol>${notes.map((n, k) => html`<li id=${`note-${k + 1}`}>${n}</li>`)}</ol>${legendeDrapeaux()}</section>`;
}

const tickFormat = (unite: ReturnType<typeof indicateur>["unite"]) => (v: number) => formatValeur(v, unite === "habitants" ? "nombre" : unite);

// Series are told apart by colour and by marker shape (a legend in print, and for colour-blind readers).
const COULEURS = ["var(--ctg-accent)", "#8a4b00", "#5a5a5a", "#2e7d32"];
const SYMBOLES = ["circle", "square", "triangle", "diamond"] as const;
const CARACTERES = ["●", "■", "▲", "◆"];

/**
 * Evolution of one figure, small; its values are said in the caption for screen readers and print.
 * One line per series (LigneDiagnostic.series: one source, one perimeter), never joined to another:
 * a legend names each when there are several, a lone point is a marker.
 */
export function graphiqueEvolution(l: LigneDiagnostic | undefined, {width = 320} = {}): HTMLElement | string {
  if (!l) return "";
  const i = indicateur(l.id);
  const points = l.evolution.filter((e) => e.valeur != null && e.serie >= 0).map((e) => ({...e, date: new Date(Date.UTC(Number(e.annee), 0, 1)), libelle: l.series[e.serie]!.libelle}));
  if (points.length < 3) return "";
  const plusieurs = l.series.length > 1;
  const alt = `${i.libelle} : ` + l.series.map((s) => `${plusieurs ? `${s.libelle} : ` : ""}${points.filter((p) => p.libelle === s.libelle).map((p) => `${p.annee} ${formatValeur(p.valeur, i.unite)}`).join(", ")}`).join(" ; ") + ".";
  const domaine = l.series.map((s) => s.libelle);
  // Room for the longest tick label (France's population: « 68 000 000 », clipped to « 8 000 000 » in 56 px), ~6 px a character.
  const etiquette = Math.max(...points.map((p) => tickFormat(i.unite)(Math.abs(p.valeur!)).length + (p.valeur! < 0 ? 1 : 0)));
  const chart = Plot.plot({
    width, height: 125, marginLeft: Math.max(56, 6 * etiquette + 14), marginTop: 10,
    x: {label: null, tickFormat: (d: Date) => String(d.getUTCFullYear()), type: "utc", ticks: 4},
    y: {label: null, grid: true, tickFormat: tickFormat(i.unite), nice: true, zero: i.unite !== "habitants", ticks: 4},
    color: {domain: domaine, range: COULEURS},
    symbol: {domain: domaine, range: SYMBOLES.slice(0, Math.max(1, domaine.length))},
    marks: [
      Plot.lineY(points, {x: "date", y: "valeur", z: "libelle", stroke: "libelle", strokeWidth: 2}),
      ...(plusieurs ? [Plot.dot(points, {x: "date", y: "valeur", stroke: "libelle", fill: "libelle", symbol: "libelle", r: 3})] : [])
    ]
  });
  chart.setAttribute("aria-hidden", "true");
  chart.setAttribute("data-series", String(l.series.length));
  const legende = plusieurs
    ? html`<ul class="legende-series">${l.series.map((s, k) => html`<li data-serie=${k}><span class="symbole" style=${`color:${COULEURS[k % 4]}`}>${CARACTERES[k % 4]}</span> ${s.libelle}</li>`)}</ul><p class="legende">Séries distinctes (autre source ou autres communes) : jamais reliées ni comparées.</p>`
    : "";
  return html`<figure class="graphique" data-graphique=${l.id}><figcaption><strong>${i.libelle}</strong></figcaption>${chart}${legende}<p class="sr">${alt}</p></figure>`;
}

/** A few figures side by side (places by mode): bars with their values written on them. */
export function graphiqueBarres(titre: string, lignes: LigneAnnexe[], {width = 420} = {}): HTMLElement | string {
  // Only figures covering the whole territory: bars of one commune's places would read as the territory's.
  const donnees = lignes.filter((l) => l.perimetre == null && l.valeur.valeur != null).map((l) => ({libelle: l.libelle.replace(/^Places d'accueil : /, ""), v: l.valeur.valeur!, texte: texteCellule(l.valeur)}));
  if (donnees.length < 2) return "";
  const chart = Plot.plot({
    width, height: 26 * donnees.length + 20, marginLeft: 170, marginRight: 50, x: {axis: null}, y: {label: null},
    marks: [
      Plot.barX(donnees, {y: "libelle", x: "v", fill: "var(--ctg-accent)", sort: {y: "-x"}}),
      Plot.text(donnees, {y: "libelle", x: "v", text: "texte", textAnchor: "start", dx: 4})
    ]
  });
  chart.setAttribute("aria-hidden", "true");
  return html`<figure class="graphique"><figcaption><strong>${titre}</strong></figcaption>${chart}<p class="sr">${donnees.map((d) => `${d.libelle} : ${d.texte}`).join(" ; ")}.</p></figure>`;
}

/** Per-commune spread of one rate, with the département's value as a dashed line. */
export function graphiqueDispersion(l: LigneDiagnostic, nomCommune: (c: string) => string, {width = 640} = {}): HTMLElement | string {
  const i = indicateur(l.id);
  const lignes = l.communes.filter((c) => c.valeur != null).map((c) => ({nom: nomCommune(c.code), v: c.valeur!}));
  if (lignes.length < 5) return "";
  const tri = [...lignes].sort((a, b) => a.v - b.v);
  const alt = `${i.libelle} par commune en ${l.annee} : de ${formatValeur(tri[0]!.v, i.unite)} (${tri[0]!.nom}) à ${formatValeur(tri[tri.length - 1]!.v, i.unite)} (${tri[tri.length - 1]!.nom})${l.departement?.valeur != null ? ` ; département : ${formatValeur(l.departement.valeur, i.unite)} (trait pointillé)` : ""}.`;
  const chart = Plot.plot({
    width, height: 70, marginLeft: 20, marginRight: 20, x: {label: null, tickFormat: tickFormat(i.unite), grid: true}, y: {axis: null},
    marks: [
      Plot.dot(lignes, {x: "v", r: 3.5, fill: "var(--ctg-accent)", fillOpacity: 0.5, title: (d) => `${d.nom} : ${formatValeur(d.v, i.unite)}`}),
      ...(l.departement?.valeur != null ? [Plot.ruleX([l.departement.valeur], {stroke: "#8a4b00", strokeDasharray: "4,3"})] : [])
    ]
  });
  chart.setAttribute("aria-hidden", "true");
  return html`<figure class="graphique"><figcaption><strong>${i.libelle} par commune (${l.annee})</strong></figcaption>${chart}<p class="legende">${alt}</p></figure>`;
}

/** One sortable table: communes as rows, the section's indicators as columns. */
export function tableauCommunes(titre: string, d: DetailCommunes): HTMLElement {
  const corps = html`<tbody>${d.lignes.map((l) => html`<tr data-commune=${l.code}><th scope="row">${l.nom}</th>${l.valeurs.map((c) => html`<td class="nombre">${texteCellule(c)}</td>`)}</tr>`)}</tbody>` as HTMLTableSectionElement;
  const entetes = [{libelle: "Commune", annee: null as string | null}, ...d.colonnes].map((c, k) => {
    const th = html`<th scope="col" class=${k ? "nombre" : ""} aria-sort="none"><button type="button">${c.libelle}${c.annee ? html` <small>(${c.annee})</small>` : ""}</button></th>` as HTMLTableCellElement;
    th.querySelector("button")!.addEventListener("click", () => trier(k, th));
    return th;
  });
  const rangs = d.lignes.map((l, k) => ({l, tr: corps.children[k] as HTMLElement}));
  function trier(k: number, th: HTMLTableCellElement) {
    const desc = th.getAttribute("aria-sort") === "ascending";
    for (const x of entetes) x.setAttribute("aria-sort", "none");
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    const cle = (x: (typeof rangs)[number]) => (k ? x.l.valeurs[k - 1]!.valeur : null);
    rangs.sort((a, b) => {
      const r = k ? (cle(a) ?? -Infinity) - (cle(b) ?? -Infinity) : a.l.nom.localeCompare(b.l.nom, "fr");
      return desc ? -r : r;
    });
    corps.replaceChildren(...rangs.map((x) => x.tr));
  }
  return defilant(html`<table class="tableau-communes"><caption>${titre}</caption><thead><tr>${entetes}</tr></thead>${corps}</table>`);
}
