// Views of a territory's fiche for the home page: key figures, AO table, member communes.
// Each returns one element; pages only arrange them.
import {html} from "htl";
import {defilant} from "./defilant.js";
import * as Inputs from "@observablehq/inputs";
import {COMPETENCES} from "../lib/ao.js";
import {DEFINITIONS, sourcePopulation} from "../lib/definitions.js";
import type {FicheTerritoire} from "../lib/fiche.js";
import {formatEntier, NON_DISPONIBLE} from "../lib/format.js";
import {LIBELLES_TYPE} from "../lib/territoire.js";

export function cartesPopulation(f: FicheTerritoire): HTMLElement {
  const p = f.population;
  const pmun = f.evolution.filter((e) => e.municipale != null);
  const premier = pmun[0];
  return html`<div class="grid grid-cols-3">
    <div class="card"><h2>Population municipale</h2><span class="big" data-figure="population-municipale">${formatEntier(p.municipale)}</span>
      <p class="definition">${DEFINITIONS.populationMunicipale}</p></div>
    <div class="card"><h2>Population totale</h2><span class="big" data-figure="population-totale">${formatEntier(p.totale)}</span>
      <p class="definition">${DEFINITIONS.populationTotale}</p>
      ${p.totale == null ? html`<p class="alerte">Non disponible pour ce millésime dans les données chargées (population totale absente pour au moins une commune).</p>` : ""}</div>
    <div class="card"><h2>Communes</h2><span class="big" data-figure="nombre-communes">${formatEntier(f.territoire.nombreCommunes)}</span>
      <p class="definition">${LIBELLES_TYPE[f.territoire.type]}</p></div>
  </div>
  ${f.territoire.description ? html`<p class="description">${f.territoire.description}</p>` : ""}
  <p class="source">${sourcePopulation(p.millesime, p.enVigueur)} ${DEFINITIONS.millesime}</p>
  ${premier ? tableauEvolution(f) : ""}`;
}

function tableauEvolution(f: FicheTerritoire): HTMLElement {
  return html`<table class="evolution"><caption>Évolution des populations légales (sur le périmètre de 2026)</caption>
    <thead><tr><th scope="col">Millésime</th><th scope="col">En vigueur au 1er janvier</th><th scope="col">Population municipale</th><th scope="col">Population totale</th></tr></thead>
    <tbody>${f.evolution.map((e) => html`<tr><th scope="row">${e.millesime}</th><td>${e.enVigueur}</td><td class="nombre">${formatEntier(e.municipale)}</td><td class="nombre">${formatEntier(e.totale)}</td></tr>`)}</tbody>
  </table>`;
}

export function tableauAO(f: FicheTerritoire, {max = 60} = {}): HTMLElement {
  const ao = f.autoritesOrganisatrices;
  if (ao.millesime == null) return html`<p class="alerte">Population totale non disponible : compétences non déterminées.</p>`;
  const lignes = ao.lignes.slice(0, max);
  return html`<div>
  ${defilant(html`<table class="tableau-ao"><caption>Compétences des autorités organisatrices de l'accueil du jeune enfant (seuils sur la population totale, millésime ${ao.millesime}, en vigueur au 1er janvier ${ao.enVigueur})</caption>
    <thead><tr><th scope="col">Autorité organisatrice</th><th scope="col">Communes couvertes</th><th scope="col">Population totale</th>
      ${COMPETENCES.map((c) => html`<th scope="col" title=${c.libelle}>${c.court}<br><small>${c.seuil ? `plus de ${formatEntier(c.seuil)} hab.` : "toutes les AO"}</small></th>`)}</tr></thead>
    <tbody>${lignes.map((a) => html`<tr>
      <th scope="row">${a.nom}<br><small>${a.type === "epci" ? `EPCI ${a.code}` : `Commune ${a.code}`}</small></th>
      <td class="nombre">${a.communes.length}</td>
      <td class="nombre" data-figure=${`ao-${a.code}`}>${formatEntier(a.populationTotale)}</td>
      ${COMPETENCES.map((c) => a.competences.includes(c.id) ? html`<td class="oui">✓ <span class="sr">exercée</span></td>` : html`<td class="non">— <span class="sr">sans objet</span></td>`)}
    </tr>`)}</tbody>
  </table>`)}
  ${ao.lignes.filter((a) => a.source).map((a) => html`<p class="source">${a.nom} : compétence transférée par ${formatEntier(a.communes.length)} communes, en vigueur le ${a.enVigueur!.split("-").reverse().join("/")}. Source : ${a.source}</p>`)}
  ${ao.lignes.length > max ? html`<p class="source">${formatEntier(ao.lignes.length - max)} autres autorités organisatrices non affichées (toutes figurent dans l'export CSV).</p>` : ""}
  <p class="definition">${DEFINITIONS.autoriteOrganisatrice} Plus de 3 500 habitants : planification ; plus de 10 000 : schéma pluriannuel et relais petite enfance.</p>
  </div>`;
}

export function tableauCommunes(f: FicheTerritoire): HTMLElement {
  const entier = (v: number | null) => (v == null ? NON_DISPONIBLE : formatEntier(v));
  return Inputs.table(f.communes, {
    columns: ["code", "nom", "populationMunicipale", "populationTotale", "autoriteOrganisatrice"],
    header: {
      code: "Code",
      nom: "Commune",
      populationMunicipale: `Pop. municipale ${f.population.millesime}`,
      populationTotale: `Pop. totale ${f.population.millesime}`,
      autoriteOrganisatrice: "Autorité organisatrice"
    },
    format: {populationMunicipale: entier, populationTotale: entier},
    sort: "populationMunicipale",
    reverse: true,
    rows: 15,
    select: false,
    locale: "fr-FR"
  } as Parameters<typeof Inputs.table>[1]);
}
