// Views of the petite-enfance page: key figures, the rate decomposed by mode year by year
// (stacked bars), the rate against the département and France, and the communes' table.
// Each returns one element with a text alternative; the page arranges them.
import {html} from "htl";
import {defilant} from "./defilant.js";
import * as Plot from "@observablehq/plot";
import {MODES_CAF, type ModeCaf} from "../lib/couverture.js";
import {CLASSES_TAILLE} from "../lib/estimation-moins3ans.js";
import {lignesCibles, type ResultatValidation} from "../lib/validation-moins3ans.js";
import {formatCommunes, formatDecimal, formatEcartPourcent, formatEntier, formatPourcent, NON_DISPONIBLE} from "../lib/format.js";
import {MODES_FEUILLES, pourquoiSansTaux, type CouvertureAnnee, type CouvertureTerritoire, type Taux} from "../lib/petite-enfance.js";

const LIBELLE_MODE = new Map(MODES_CAF.map((m) => [m.id, m.libelle]));
/** Colour per leaf mode: collective modes in blues, school in green, individual modes in oranges. */
const COULEURS: Record<string, string> = {
  eaje_psu: "#1d5fa7", eaje_hors_psu: "#6fa8dc", prescolarisation: "#5b9b45", assistants_maternels: "#d9822b", garde_domicile: "#f2c078"
};
const taux = (v: number | null | undefined) => (v == null ? NON_DISPONIBLE : formatDecimal(v));
const lister = (codes: readonly string[], nom: (code: string) => string) => (codes.length <= 6 ? codes.map(nom).join(", ") : `${nom(codes[0]!)}, ${nom(codes[1]!)} et ${codes.length - 2} autres`);
const annee = (d: string) => new Date(Date.UTC(Number(d), 0, 1));
const anneeTick = (d: Date) => String(d.getUTCFullYear());

/** « 62,8 (2022, Cnaf) », « 58,0 (2025, saisie des analystes) ». */
export function origineTaux(t: Taux): string {
  return t.origine === "publie" ? "publié par la Cnaf" : t.origine === "saisie" ? `saisie des analystes : ${t.source}` : "calculé : Σ places / Σ enfants de moins de 3 ans des communes";
}

function comparaison(t: Taux[], nom: string): HTMLElement[] {
  const d = t.at(-1);
  return [html`<dt>${nom}</dt>`, d
    ? html`<dd title=${d.source ?? ""}>${taux(d.valeur)} <small>(${d.annee}${d.origine === "saisie" ? ", saisie" : ""})</small></dd>`
    : html`<dd><small>non disponible dans les données chargées</small></dd>`];
}

export function cartesCouverture(c: CouvertureTerritoire, {nomDepartement, nomCommune}: {nomDepartement: string | null; nomCommune: (code: string) => string}): HTMLElement {
  const nombreCommunes = c.nombreCommunes;
  const t = c.derniere?.taux ?? null;
  const p = c.derniereCnaf;
  const e = c.enfants;
  const pourquoi = pourquoiSansTaux(c.derniere, nombreCommunes, nomCommune);
  return html`<div class="grid grid-cols-3">
    <div class="card indicateur"><h2>Taux de couverture global${t ? ` (${t.annee})` : ""}</h2>
      <span class="big" data-figure="taux-couverture">${taux(t?.valeur)}</span> <span>places pour 100 enfants de moins de 3 ans</span>
      ${t ? html`<p class="source">${origineTaux(t)}.</p>` : html`<p class="alerte">${pourquoi}</p>`}
      <dl class="comparaisons">${nomDepartement || c.departement.length ? comparaison(c.departement, nomDepartement ? `Département (${nomDepartement})` : "Département") : ""}${comparaison(c.france, "France")}</dl>
      ${t && [c.departement.at(-1), c.france.at(-1)].some((x) => x && x.annee !== t.annee) ? html`<p class="definition">Comparaison à une autre année que celle du territoire : à lire avec l'année indiquée.</p>` : ""}
    </div>
    <div class="card"><h2>Places d'accueil formel${p ? ` (${p.annee})` : ""}</h2>
      <span class="big" data-figure="places-accueil">${formatEntier(p?.places)}</span>
      <p class="definition">Crèches, micro-crèches, école à 2 ans, assistants maternels, salariés à domicile (total publié par la Cnaf${nombreCommunes > 1 ? ", sommé sur les communes" : ""}).</p>
      ${p && p.places == null && p.nbManquantesPlaces ? html`<p class="alerte">${p.nbManquantesPlaces === nombreCommunes
        ? "La Cnaf ne publie aucune commune de ce territoire (seulement celles de plus de 10 000 habitants) : pas de total."
        : `Non publié par la Cnaf pour ${nonPubliees(p, nombreCommunes, nomCommune)} : pas de total.`}</p>` : ""}
    </div>
    <div class="card"><h2>Enfants de moins de 3 ans${e ? ` (${e.annee})` : ""}</h2>
      <span class="big" data-figure="enfants-moins-3-ans">${formatEntier(e?.valeur)}</span>
      <p class="definition">${e ? `${e.methode} (Cnaf ; INSEE, état civil)` : "Non disponible dans les données chargées (naissances de l'INSEE, couverture de la Cnaf)"} : <a href="./methodologie#enfants-de-moins-de-3-ans">méthode et précision</a>. Le même chiffre sur le diagnostic, la comparaison et les projections.</p>
      ${e?.cnaf != null && e.anneeCnaf !== e.annee ? html`<p class="definition">Compté par la Cnaf en ${e.anneeCnaf} (places / taux × 100) : ${formatEntier(e.cnaf)} ; estimation calibrée la même année : ${formatEntier(estimesEn(c, e.anneeCnaf!))}.</p>` : ""}
    </div>
  </div>`;
}

/** « Aiglun, Barrême et 40 autres (42 communes sur 46) »; only counted when the list was left out (France, régions: CouvertureResumee). */
function nonPubliees(a: CouvertureAnnee, nombreCommunes: number, nom: (code: string) => string): string {
  const compte = `${formatCommunes(a.nbManquantesPlaces)} sur ${formatEntier(nombreCommunes)}`;
  return a.manquantesPlaces.length === a.nbManquantesPlaces ? `${lister(a.manquantesPlaces, nom)} (${compte})` : compte;
}

const estimesEn = (c: CouvertureTerritoire, annee: string) => c.annees.find((a) => a.annee === annee)?.enfantsEstimes ?? null;

/** Stacked bars: each leaf mode's rate, year by year, with the global rate as a black mark. */
export function graphiqueDecomposition(c: CouvertureTerritoire, {width = 640}: {width?: number} = {}): HTMLElement {
  const annees = c.annees.filter((a) => MODES_FEUILLES.some((m) => a.tauxParMode[m] != null));
  if (!annees.length) {
    return html`<p class="alerte">${c.derniereCnaf
      ? `Décomposition par mode non disponible : la Cnaf ne publie pas les places de ${c.nombreCommunes > 1 ? "toutes les communes de ce territoire" : "cette commune"} (seulement les communes de plus de 10 000 habitants).`
      : "Décomposition par mode non disponible dans les données chargées (fichiers de couverture de la Cnaf)."}</p>`;
  }
  const barres = annees.flatMap((a) => MODES_FEUILLES.map((m) => ({annee: a.annee, mode: LIBELLE_MODE.get(m)!, taux: a.tauxParMode[m] ?? 0})));
  const globaux = annees.filter((a) => a.taux).map((a) => ({annee: a.annee, taux: a.taux!.valeur}));
  const derniere = annees.at(-1)!;
  const alt = `Taux de couverture par mode d'accueil, de ${annees[0]!.annee} à ${derniere.annee}. En ${derniere.annee} : ` +
    MODES_FEUILLES.map((m) => `${LIBELLE_MODE.get(m)} ${taux(derniere.tauxParMode[m])}`).join(", ") +
    (derniere.taux ? ` ; taux global ${taux(derniere.taux.valeur)}.` : ".");
  const domaine = MODES_FEUILLES.map((m) => LIBELLE_MODE.get(m)!);
  const chart = Plot.plot({
    width, height: 300, marginLeft: 50, ariaLabel: alt,
    x: {label: null, type: "band"},
    y: {label: "places pour 100 enfants", grid: true, tickFormat: (v: number) => formatDecimal(v, 0)},
    color: {domain: domaine, range: MODES_FEUILLES.map((m) => COULEURS[m]!), legend: true},
    marks: [
      Plot.barY(barres, {x: "annee", y: "taux", fill: "mode", order: domaine, title: (d) => `${d.annee} – ${d.mode} : ${taux(d.taux)}`}),
      Plot.tickY(globaux, {x: "annee", y: "taux", stroke: "black", strokeWidth: 2.5}),
      Plot.text(globaux, {x: "annee", y: "taux", text: (d) => taux(d.taux), dy: -8, fontWeight: "bold"}),
      Plot.ruleY([0])
    ]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${alt} Trait noir : taux global publié${c.nombreCommunes > 1 ? " ou calculé" : ""} ; les taux des modes sont arrondis à 0,1 et ne s'additionnent pas toujours exactement au taux global.</figcaption></figure>`;
}

/** The territory's global rate against the département and France, every year a figure exists. */
export function graphiqueComparaison(c: CouvertureTerritoire, {width = 640, nomTerritoire, nomDepartement}: {width?: number; nomTerritoire: string; nomDepartement: string | null}): HTMLElement {
  const series = [
    {nom: nomTerritoire, points: c.annees.filter((a) => a.taux).map((a) => a.taux!), couleur: "var(--ctg-accent)"},
    {nom: nomDepartement ? `Département : ${nomDepartement}` : "Département", points: c.departement, couleur: "#8a4b00"},
    {nom: "France", points: c.france, couleur: "#555"}
  ];
  // A département compared with itself: one series, not two; France and a région: none.
  if (JSON.stringify(series[0]!.points) === JSON.stringify(series[1]!.points) || (!nomDepartement && !c.departement.length)) series.splice(1, 1);
  const points = series.flatMap((s) => s.points.map((t) => ({serie: s.nom, annee: t.annee, taux: t.valeur, saisie: t.origine === "saisie"})));
  const decrire = (s: (typeof series)[number]) => (s.points.length ? `${s.nom} : ${s.points.map((t) => `${t.annee} ${taux(t.valeur)}`).join(", ")}` : `${s.nom} : non disponible dans les données chargées`);
  const alt = `Taux de couverture global. ${series.map(decrire).join(". ")}.`;
  if (!points.length) return html`<p class="alerte">${alt}</p>`;
  if (new Set(points.map((d) => d.annee)).size === 1) {
    // A single year (entries of one diagnostic): bars side by side read better than dots on a time axis.
    const barres = Plot.plot({
      width, height: 40 * points.length + 50, marginLeft: 10, marginRight: 50, ariaLabel: alt,
      x: {label: `places pour 100 enfants, ${points[0]!.annee}`, grid: true, tickFormat: (v: number) => formatDecimal(v, 0)},
      y: {axis: null, domain: points.map((d) => d.serie)},
      color: {domain: series.map((s) => s.nom), range: series.map((s) => s.couleur)},
      marks: [
        Plot.barX(points, {y: "serie", x: "taux", fill: "serie", fillOpacity: 0.85, title: (d) => `${d.serie}, ${d.annee} : ${taux(d.taux)}${d.saisie ? " (saisie des analystes)" : ""}`}),
        Plot.text(points, {y: "serie", x: 0, text: (d) => `${d.serie} : ${taux(d.taux)}${d.saisie ? " (saisie)" : ""}`, textAnchor: "start", dx: 6, fill: "white", fontWeight: "bold"}),
        Plot.ruleX([0])
      ]
    });
    return html`<figure class="graphique graphique-large">${barres}<figcaption>${alt}</figcaption></figure>`;
  }
  const chart = Plot.plot({
    width, height: 260, marginLeft: 50, marginRight: 40, marginTop: 30, ariaLabel: alt,
    x: {label: null, type: "utc", tickFormat: anneeTick, ticks: "year"},
    y: {label: "places pour 100 enfants", grid: true, zero: true, nice: true, tickFormat: (v: number) => formatDecimal(v, 0)},
    color: {domain: series.map((s) => s.nom), range: series.map((s) => s.couleur), legend: true},
    marks: [
      Plot.lineY(points, {x: (d) => annee(d.annee), y: "taux", stroke: "serie", z: "serie"}),
      // Published figures as filled dots, analysts' entries as hollow ones (a constant fill keeps the colour scale for the series).
      Plot.dot(points.filter((d) => !d.saisie), {x: (d) => annee(d.annee), y: "taux", fill: "serie", r: 4, title: (d) => `${d.serie}, ${d.annee} : ${taux(d.taux)}`}),
      Plot.dot(points.filter((d) => d.saisie), {x: (d) => annee(d.annee), y: "taux", stroke: "serie", fill: "white", strokeWidth: 2, r: 5,
        title: (d) => `${d.serie}, ${d.annee} : ${taux(d.taux)} (saisie des analystes)`}),
      Plot.text(points.filter((d) => d.saisie), {x: (d) => annee(d.annee), y: "taux", text: (d) => taux(d.taux), dx: 8, textAnchor: "start", fill: "serie"})
    ]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${alt} Points creux : chiffres saisis par les analystes (diagnostics CTG).</figcaption></figure>`;
}

/** One row per commune: published rate and places, the Cnaf's children and the birth-based estimate. */
export function tableauCommunesCouverture(c: CouvertureTerritoire, nomCommune: (code: string) => string): HTMLElement {
  const lignes = [...c.communes].sort((a, b) => (b.places ?? -1) - (a.places ?? -1) || (b.enfantsEstimes ?? -1) - (a.enfantsEstimes ?? -1));
  const annee = c.communes[0]?.annee ?? "";
  const publiees = lignes.filter((l) => l.places != null || l.taux).length;
  const par = (l: (typeof lignes)[number], m: ModeCaf) => formatEntier(l.placesParMode[m]);
  return html`<div>${defilant(html`<table class="communes-couverture">
    <caption>Couverture par commune en ${annee} (${publiees} commune${publiees > 1 ? "s" : ""} publiée${publiees > 1 ? "s" : ""} par la Cnaf sur ${lignes.length})</caption>
    <thead><tr><th scope="col">Commune</th><th scope="col" class="nombre">Taux global</th><th scope="col" class="nombre">Places</th>
      ${MODES_FEUILLES.map((m) => html`<th scope="col" class="nombre"><small>${LIBELLE_MODE.get(m)}</small></th>`)}
      <th scope="col" class="nombre">Enfants &lt; 3 ans (Cnaf)</th><th scope="col" class="nombre">Enfants &lt; 3 ans (estimés)</th></tr></thead>
    <tbody>${lignes.map((l) => html`<tr data-commune=${l.code}>
      <th scope="row">${nomCommune(l.code)}</th>
      ${l.places == null && !l.taux
        ? html`<td colspan=${MODES_FEUILLES.length + 3} class="non-publiee">non publiée par la Cnaf (moins de 10 000 habitants)</td>`
        : [html`<td class="nombre">${taux(l.taux?.valeur)}${l.taux?.origine === "saisie" ? html`<sup title=${`Saisie des analystes : ${l.taux.source}`}>s</sup>` : ""}</td>`,
          html`<td class="nombre">${formatEntier(l.places)}</td>`, ...MODES_FEUILLES.map((m) => html`<td class="nombre">${par(l, m)}</td>`),
          html`<td class="nombre">${formatEntier(l.enfantsCnaf)}</td>`]}
      <td class="nombre">${formatEntier(l.enfantsEstimes)}</td>
    </tr>`)}</tbody>
  </table>`)}
  ${lignes.some((l) => l.taux?.origine === "saisie") ? html`<p class="definition"><sup>s</sup> taux saisi par les analystes (diagnostic CTG), avec sa source au survol ; les autres sont publiés par la Cnaf.</p>` : ""}
  </div>`;
}

/** Rates per commune in the shape carteCommunes (vues-carte.ts) reads; null when fewer than two communes have one (nothing to compare). */
export function ligneCarteCouverture(c: CouvertureTerritoire) {
  const annee = c.communes[0]?.annee ?? null;
  const communes = c.communes.map((l) => ({code: l.code, valeur: l.taux?.valeur ?? null, statut: l.taux ? "complet" : "non disponible"}));
  return communes.filter((x) => x.valeur != null).length >= 2 ? {id: "taux_couverture_global", annee, communes} : null;
}

// ─── Methodology: the under-3 estimator validated out of sample (src/data/fichiers.ts: validation-moins3ans.json) ───

const libelleClasse = (c: string) => CLASSES_TAILLE.find((t) => t.id === c)?.libelle ?? c;

/** Each target of the estimator, measured, beside raw births, overall and by size class. */
export function tableauValidation(v: ResultatValidation): HTMLElement {
  const lignes = lignesCibles(v);
  return defilant(html`<table class="validation" data-figure="validation-cibles"><caption>Précision hors échantillon de l'estimation calibrée, contre les dénominateurs de la Cnaf (écart en % du nombre de la Cnaf)</caption>
    <thead><tr><th scope="col">Mesure</th><th scope="col" class="nombre">Communes × années</th><th scope="col" class="nombre">Estimation calibrée</th><th scope="col" class="nombre">Cible</th><th scope="col" class="nombre">Naissances brutes (sans correction)</th></tr></thead>
    <tbody>${lignes.map((l) => html`<tr class=${l.classe === "ensemble" ? "ensemble" : "classe"}>
      <th scope="row">${l.classe === "ensemble" ? l.mesure : html`<span class="retrait">… ${libelleClasse(l.classe)}</span>`}</th>
      <td class="nombre">${formatEntier(l.n)}</td>
      <td class="nombre">${formatPourcent(l.valeur)}</td>
      <td class="nombre">${l.cible == null ? "" : html`≤ ${formatPourcent(l.cible)} ${l.atteinte ? "✓ atteinte" : "✗ non atteinte"}`}</td>
      <td class="nombre">${formatPourcent(l.brut)}</td></tr>`)}</tbody></table>`);
}

/** Signed error quantiles by horizon: the band the projections carry. */
export function tableauHorizons(v: ResultatValidation): HTMLElement {
  return defilant(html`<table class="validation" data-figure="validation-horizons"><caption>Erreur selon l'horizon (années entre la dernière année de la Cnaf utilisée et l'année estimée) : la fourchette des projections</caption>
    <thead><tr><th scope="col">Horizon</th><th scope="col" class="nombre">Communes × années</th><th scope="col" class="nombre">Écart absolu médian</th><th scope="col" class="nombre">10e centile</th><th scope="col" class="nombre">Médiane</th><th scope="col" class="nombre">90e centile</th></tr></thead>
    <tbody>${v.horizons.map((h) => html`<tr><th scope="row">${h.horizon} an${h.horizon > 1 ? "s" : ""}</th><td class="nombre">${formatEntier(h.n)}</td><td class="nombre">${formatPourcent(h.medianeAbsolue)}</td>
      <td class="nombre">${formatEcartPourcent(h.p10)}</td><td class="nombre">${formatEcartPourcent(h.mediane)}</td><td class="nombre">${formatEcartPourcent(h.p90)}</td></tr>`)}</tbody></table>`);
}
