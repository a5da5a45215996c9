// Views of a territory over a period (src/lib/periode.ts): the start–end table with its
// readings and warnings, and the bilan tables (one column per year).
import {html} from "htl";
import {defilant} from "./defilant.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatValeur} from "../lib/format.js";
import {texteEcart, type LignePeriode, type Periode, type TableauBilan} from "../lib/periode.js";

export function tableauPeriode(lignes: readonly LignePeriode[], {periode, nom}: {periode: Periode; nom: string}): HTMLElement {
  const avec = lignes.filter((l) => l.debut && l.fin);
  const sans = lignes.filter((l) => !(l.debut && l.fin) && l.anneesDisponibles.length);
  return html`<div class="periode" data-territoire=${nom}>${defilant(html`<table class="tableau-periode">
    <caption>${nom} : ${periode.debut} → ${periode.fin}, chaque indicateur à l'année disponible la plus proche du début et de la fin (⚠ : extrémités pas strictement comparables)</caption>
    <thead><tr><th scope="col">Indicateur</th><th scope="col" class="nombre">Début</th><th scope="col" class="nombre">Fin</th><th scope="col" class="nombre">Écart</th><th scope="col">Lecture</th></tr></thead>
    <tbody>${avec.map((l) => {
      const i = indicateur(l.id);
      return html`<tr data-indicateur=${l.id}><th scope="row">${i.libelle}<br><small>${i.source}</small></th>
        <td class="nombre">${formatValeur(l.debut!.valeur, i.unite)}<br><small>${l.debut!.annee}</small></td>
        <td class="nombre">${formatValeur(l.fin!.valeur, i.unite)}<br><small>${l.fin!.annee}</small></td>
        <td class="nombre">${texteEcart(l)}</td>
        <td>${l.lecture}${l.avertissements.map((a) => html`<br><small class="alerte">⚠ ${a}</small>`)}</td></tr>`;
    })}</tbody></table>`)}
    ${sans.length ? html`<details class="absents"><summary>${sans.length} indicateur${sans.length > 1 ? "s" : ""} sans évolution calculable sur la période (une seule année connue ou aucune)</summary>${sans.map((l, k) => html`${k ? " ; " : ""}${indicateur(l.id).libelle} (${l.anneesDisponibles[0]}${l.anneesDisponibles.length > 1 ? `–${l.anneesDisponibles[l.anneesDisponibles.length - 1]}` : ""})`)}.</details>` : ""}
    <p class="source">Périmètre communal actuel (référentiel 2026) aux deux dates. Taux : écart en points ; effectifs et montants : écart et évolution en % de la valeur de début.</p>
  </div>`;
}

export function tableauxBilan(tableaux: readonly TableauBilan[]): HTMLElement {
  const remplis = tableaux.filter((t) => t.lignes.length);
  return html`<div class="bilans">${remplis.map((t) => defilant(html`<table class="tableau-bilan">
    <caption>${t.titre} (${t.annees.length > 1 ? `${t.annees[0]}–${t.annees[t.annees.length - 1]}` : t.annees[0]})</caption>
    <thead><tr><th scope="col">Indicateur</th>${t.annees.map((a) => html`<th scope="col" class="nombre">${a}</th>`)}</tr></thead>
    <tbody>${t.lignes.map((l) => {
      const i = indicateur(l.id);
      return html`<tr data-indicateur=${l.id}><th scope="row">${i.libelle}${l.serie ? html`<br><small data-serie="">${l.serie}</small>` : ""}</th>${l.valeurs.map((v, k) => html`<td class="nombre">${v == null ? "" : formatValeur(v, i.unite)}${v != null && l.statuts[k] === "incomplet" ? html`<sup title="incomplet">*</sup>` : ""}${v != null && l.saisies[k] ? html`<sup title="saisie des analystes">†</sup>` : ""}</td>`)}</tr>`;
    })}</tbody></table>`))}
    ${tableaux.length > remplis.length ? html`<p class="absents">Sans donnée pour ce territoire : ${tableaux.filter((t) => !t.lignes.length).map((t) => t.titre.toLowerCase()).join(", ")}.</p>` : ""}
    <p class="source">Un indicateur dont la source ou les communes couvertes changent d'une année à l'autre a une ligne par série : les séries ne se comparent pas. * total incomplet (données masquées ou communes non couvertes par la source) ; † saisie des analystes (chiffre du diagnostic, autre source que les fichiers publiés) ; case vide : pas de donnée cette année-là.</p>
  </div>`;
}
