// The diagnostic's charts (Plot), sized to their content: evolution of a figure, places by mode, the
// per-commune spread. Apart from vues-diagnostic.ts so that Plot and d3 (four fifths of /diagnostic's
// code) are fetched once the first figures are on screen (dessins-diagnostic.ts).
import {html} from "htl";
import * as Plot from "@observablehq/plot";
import type {LigneDiagnostic} from "../lib/diagnostic.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatValeur} from "../lib/format.js";
import {texteCellule, type LigneAnnexe} from "../lib/annexe.js";

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
