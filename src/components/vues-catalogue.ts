// The indicator catalogue as the methodology page prints it: for each indicator, its
// definition, how it is computed for any territory, its unit, source and vintage.
import {html} from "htl";
import {defilant} from "./defilant.js";
import {INDICATEURS, SECTIONS, type Indicateur} from "../lib/indicateurs.js";

const UNITES: Record<Indicateur["unite"], string> = {
  habitants: "habitants", nombre: "nombre", pourcent: "%", pour1000: "‰", euros: "euros", places100: "places pour 100 enfants de moins de 3 ans", parkm2: "habitants par km²"
};

/** Bases no indicator shows as a count. */
const BASES_NOMMEES: Record<string, string> = {enfants_moins_3_ans: "enfants de moins de 3 ans (dénominateur de la Cnaf, sinon naissances N−2 à N × facteur Cnaf)", surface: "surface du contour (km²)"};

/** A base series is named after the indicator that shows it as a count; paired IRIS series say so. */
function libelleBase(base: string): string {
  if (BASES_NOMMEES[base]) return BASES_NOMMEES[base];
  const brut = base.replace(/_p$/, "").replace(/^caf_a_p_/, "caf_a");
  const i = INDICATEURS.find((x) => x.calcul.type !== "ratio" && x.calcul.base === brut);
  const nom = i ? i.libelle.toLowerCase() : brut;
  return base !== brut ? `${nom} (IRIS où les deux termes sont publiés)` : nom;
}

export function descriptionCalcul(i: Indicateur): string {
  const c = i.calcul;
  switch (c.type) {
    case "somme":
      return "Somme sur les communes du territoire (ou valeur saisie pour le territoire).";
    case "ratio":
      return `${libelleBase(c.numerateur)} / ${libelleBase(c.denominateur)} × ${c.facteur.toLocaleString("fr-FR")}, sommés séparément sur les communes (jamais une moyenne de taux)${c.anneeDenominateur === "anterieure" ? " ; dénominateur : dernier millésime connu à la date du numérateur" : c.anneeDenominateur === "suivante" ? " ; dénominateur : millésime du 1er janvier suivant, sinon le plus proche" : ""}.`;
    case "publie":
      return c.groupe
        ? `Valeur du territoire lui-même quand elle existe ; pour un groupe de communes, ${libelleBase(c.groupe.numerateur)} / ${libelleBase(c.groupe.denominateur)}${c.groupe.facteur === 1 ? "" : ` × ${c.groupe.facteur.toLocaleString("fr-FR")}`}, sommés sur ses communes si toutes sont connues.`
        : "Valeur publiée pour le territoire lui-même (non additionnable : non calculable pour un groupe de communes).";
  }
}

export function tableauCatalogue(): HTMLElement {
  return html`<div>${SECTIONS.map((s) => {
    const liste = INDICATEURS.filter((i) => i.section === s);
    if (!liste.length) return "";
    return defilant(html`<table class="catalogue"><caption>${s.replace(/^./, (x) => x.toUpperCase())}</caption>
      <thead><tr><th scope="col">Indicateur</th><th scope="col">Définition</th><th scope="col">Calcul</th><th scope="col">Unité</th><th scope="col">Source, millésime</th></tr></thead>
      <tbody>${liste.map((i) => html`<tr id=${`indicateur-${i.id}`}><th scope="row">${i.libelle}<br><code>${i.id}</code></th><td>${i.definition}${i.couverture ? html`<br><small>${i.couverture}</small>` : ""}</td>
        <td>${descriptionCalcul(i)}</td><td>${UNITES[i.unite]}</td><td>${i.source}, ${i.millesime}</td></tr>`)}</tbody></table>`);
  })}</div>`;
}
