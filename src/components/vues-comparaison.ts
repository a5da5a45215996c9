// The comparison table: one row per indicator, one column per territory, the highest and
// lowest values of each row marked (in words too, for screen readers and print).
import {html} from "htl";
import {defilant} from "./defilant.js";
import type {LigneComparaison} from "../lib/diagnostic.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatValeur} from "../lib/format.js";


export function tableauComparaison(toutes: LigneComparaison[], noms: string[]): HTMLElement {
  // Indicators no territory has are listed in one line under the table.
  const lignes = toutes.filter((l) => l.valeurs.some((v) => v != null));
  const absentes = toutes.filter((l) => l.valeurs.every((v) => v == null));
  return html`<div>${defilant(html`<table class="comparaison"><caption>Indicateurs à la dernière année disponible pour tous les territoires (▲ valeur la plus haute, ▼ la plus basse)</caption>
    <thead><tr><th scope="col">Indicateur</th><th scope="col">Année</th>${noms.map((n) => html`<th scope="col" class="nombre">${n}</th>`)}</tr></thead>
    <tbody>${lignes.map((l) => {
      const i = indicateur(l.id);
      const connues = l.valeurs.filter((v): v is number => v != null);
      const ecart = l.annee != null && connues.length >= 2 && Math.max(...connues) !== Math.min(...connues);
      return html`<tr data-indicateur=${l.id}><th scope="row">${i.libelle}<br><small>${i.source}</small></th><td>${l.annee ?? "variable"}</td>
        ${l.valeurs.map((v, k) => {
          const haut = ecart && v === Math.max(...connues);
          const bas = ecart && v === Math.min(...connues);
          return html`<td class=${`nombre${haut ? " haut" : bas ? " bas" : ""}`}>${formatValeur(v, i.unite)}${haut ? " ▲" : bas ? " ▼" : ""}${l.statuts[k] === "incomplet" ? html`<sup title="incomplet">*</sup>` : ""}${!l.annee && v != null ? html`<br><small>${l.annees[k]}</small>` : ""}</td>`;
        })}</tr>`;
    })}</tbody></table>`)}
    <p class="source">* valeur incomplète (données masquées ou communes non couvertes par la source). « n.d. » : non disponible dans les données chargées. Année « variable » : pas d'année commune, chaque valeur porte son année.</p>
    ${absentes.length ? html`<p class="absents">Non disponibles pour ces territoires : ${absentes.map((l) => indicateur(l.id).libelle.toLowerCase()).join(", ")}.</p>` : ""}</div>`;
}
