// Views of the annexe-1 diagnostic, compact: per section one table (indicator, value with its
// unit, year, département, France, trend, source note), the analysts' text in place, the
// automatic readings marked as generated, and the per-commune detail as a sortable appendix.
// Everything reads the model of src/lib/annexe.ts. Its charts are graphiques-diagnostic.ts's
// (Plot: fetched after the first figures).
import {html, svg} from "htl";
import {defilant} from "./defilant.js";
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

/** A section's figures and text; its charts come after (ajouterGraphiques), once the figures are on screen. */
export function sectionAnnexe(s: SectionAnnexe): HTMLElement {
  const chiffres = [
    tableauSection(s),
    s.absents.length ? html`<p class="absents">Non disponible${s.absents.length > 1 ? "s" : ""} dans les données chargées : ${s.absents.map((a, k) => html`${k ? ", " : ""}<a href=${`./methodologie#indicateur-${a.id}`}>${a.libelle.toLowerCase()}</a>`)}.</p>` : "",
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

/** Puts a section's charts below its tables, before its readings (in place of those drawn before: the page's width changed). */
export function ajouterGraphiques(section: HTMLElement, graphiques: (HTMLElement | string)[]): void {
  const colonne = section.querySelector(".colonne-chiffres")!;
  colonne.querySelector(":scope > .graphiques-section")?.remove();
  const presents = graphiques.filter(Boolean);
  if (presents.length) colonne.insertBefore(html`<div class="graphiques-section">${presents}</div>`, colonne.querySelector(":scope > .lectures-auto"));
}

/** The flags' legend, said once for every table of the page (and again under the sources). */
export const legendeDrapeaux = (): HTMLElement => html`<p class="legende">${LEGENDE_DRAPEAUX}</p>`;

export function notesSources(notes: readonly string[]): HTMLElement {
  return html`<section class="notes-sources"><h2>Sources</h2><ol>${notes.map((n, k) => html`<li id=${`note-${k + 1}`}>${n}</li>`)}</ol>${legendeDrapeaux()}</section>`;
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
