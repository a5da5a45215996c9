// Map of a territory's member communes coloured by one indicator (IGN contours), with
// its text alternative and the values table for screen readers and print.
import {html} from "htl";
import * as Plot from "@observablehq/plot";
import type {LigneDiagnostic} from "../lib/diagnostic.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatCommunes, formatValeur} from "../lib/format.js";

export function carteCommunes(l: LigneDiagnostic, contours: Record<string, unknown>, nomCommune: (c: string) => string, {width = 640} = {}): HTMLElement {
  const i = indicateur(l.id);
  const entites = l.communes
    .filter((c) => contours[c.code])
    .map((c) => ({type: "Feature" as const, geometry: contours[c.code], properties: {code: c.code, nom: nomCommune(c.code), valeur: c.valeur}}));
  if (entites.length === 0) return html`<p class="alerte">Contours des communes non chargés pour ce territoire : pas de carte (voir la méthodologie).</p>`;
  const connues = entites.filter((e) => e.properties.valeur != null);
  const min = connues.reduce((a, b) => (a.properties.valeur! <= b.properties.valeur! ? a : b), connues[0]!);
  const max = connues.reduce((a, b) => (a.properties.valeur! >= b.properties.valeur! ? a : b), connues[0]!);
  const collection = {type: "FeatureCollection" as const, features: entites};
  const alt = connues.length
    ? `Carte de ${i.libelle.toLowerCase()} par commune en ${l.annee} : de ${formatValeur(min.properties.valeur, i.unite)} (${min.properties.nom}) à ${formatValeur(max.properties.valeur, i.unite)} (${max.properties.nom}) ; ${formatCommunes(entites.length - connues.length)} sans donnée, en gris hachuré.`
    : `Carte des communes : ${i.libelle.toLowerCase()} non disponible par commune.`;
  const carte = Plot.plot({
    width, height: Math.round(width * 0.8), ariaLabel: alt,
    projection: {type: "mercator", domain: collection as never},
    color: {type: "quantize", n: 5, scheme: "blues", legend: true, label: i.libelle, tickFormat: (v: number) => formatValeur(v, i.unite)},
    marks: [
      // Communes without a figure stay grey (outside the colour scale), never the lowest class.
      Plot.geo(collection.features.filter((d) => d.properties.valeur != null), {fill: (d) => d.properties.valeur, stroke: "white", strokeWidth: 0.7, title: (d) => `${d.properties.nom} : ${formatValeur(d.properties.valeur, i.unite)}`}),
      Plot.geo(collection.features.filter((d) => d.properties.valeur == null), {fill: "#e5e5e5", stroke: "#999", strokeDasharray: "2,2", title: (d) => `${d.properties.nom} : non disponible`})
    ]
  });
  return html`<figure class="carte">${carte}<figcaption>${alt} Source : ${i.source} ; contours IGN ADMIN EXPRESS.</figcaption></figure>`;
}
