// Choropleth of the EPCI of a département, a région or France for one comparable
// indicator (2025 contours, data/cartes/): five classes of equal counts, n.d. in grey,
// a tooltip with value and year, the selected territory outlined, each area a link to
// that EPCI's page, and the values table as its text alternative.
import {html} from "htl";
import * as Plot from "@observablehq/plot";
import {feature} from "topojson-client";
import {geoArea} from "d3";
import type {Feature, FeatureCollection, Geometry} from "geojson";
import {STATUT_CARTE, type FichierCarte, type ValeursCarte} from "../lib/cartes.js";
import {indicateur} from "../lib/indicateurs.js";
import {formatEntier, formatValeur, NON_DISPONIBLE} from "../lib/format.js";
import type {IndexTerritoires} from "../lib/index-territoires.js";
import type {Topologie} from "../lib/topologie.js";

export interface OptionsCarteEpci {
  fichier: FichierCarte;
  valeurs: ValeursCarte;
  indicateur: string;
  annee: string;
  /** "france", "region:93", "departement:04". */
  territoire: string;
  nomTerritoire: string;
  index: IndexTerritoires;
  width?: number;
}

type Zone = Feature<Geometry, {code: string; nom: string; valeur: number | null; statut: string}>;

type Polygone = number[][][];

/**
 * A polygon that simplification left wound the wrong way (a small island) would cover the
 * whole sphere outside it: spherical area above a hemisphere means reversed, so its rings are turned back.
 */
function redresser(p: Polygone): Polygone {
  return geoArea({type: "Polygon", coordinates: p}) > 2 * Math.PI ? p.map((r) => [...r].reverse()) : p;
}

const entites = (t: Topologie | undefined): Feature<Geometry, unknown>[] =>
  t
    ? (feature(t as never, Object.values(t.objects)[0] as never) as unknown as FeatureCollection<Geometry>).features.map((f) => {
        const g = f.geometry;
        if (g.type === "Polygon") return {...f, geometry: {...g, coordinates: redresser(g.coordinates)}};
        if (g.type === "MultiPolygon") return {...f, geometry: {...g, coordinates: g.coordinates.map(redresser)}};
        return f;
      })
    : [];

export function carteEpci(o: OptionsCarteEpci): HTMLElement {
  const i = indicateur(o.indicateur);
  const [type, code] = o.territoire.split(":", 2);
  const epciIndex = new Map(o.index.epci.map((e) => [e.code, e]));
  const dansTerritoire = (c: string) => type !== "departement" || (epciIndex.get(c)?.deps.includes(code!) ?? false);
  const valeurs = o.valeurs[o.annee] ?? {};
  const zones: Zone[] = entites(o.fichier.epci)
    .filter((f) => dansTerritoire(String(f.id)))
    .map((f) => {
      const c = String(f.id);
      const v = valeurs[c];
      return {...f, properties: {code: c, nom: epciIndex.get(c)?.nom ?? c, valeur: v?.[0] ?? null, statut: v ? STATUT_CARTE[v[1]] : "non disponible"}};
    });
  if (!zones.length) return html`<p class="alerte">Contours des EPCI non chargés pour ce territoire : pas de carte (voir la méthodologie).</p>`;
  // The selected territory outlined by its départements' borders (the file's contours are
  // per side, not shared, so a région is not merged into one line).
  const departements = entites(o.fichier.departements).filter((f) => type !== "departement" || f.id === code);
  const contour = departements.length ? {type: "FeatureCollection" as const, features: departements} : null;
  const connues = zones.filter((z) => z.properties.valeur != null).sort((a, b) => b.properties.valeur! - a.properties.valeur!);
  const nd = zones.length - connues.length;
  const fmt = (v: number | null) => formatValeur(v, i.unite);
  const alt = connues.length
    ? `Carte de ${i.libelle.toLowerCase()} par EPCI en ${o.annee}, ${o.nomTerritoire} : de ${fmt(connues.at(-1)!.properties.valeur)} (${connues.at(-1)!.properties.nom}) à ${fmt(connues[0]!.properties.valeur)} (${connues[0]!.properties.nom})${nd ? ` ; ${formatEntier(nd)} EPCI sans donnée, en gris` : ""}.`
    : `Carte des EPCI : ${i.libelle.toLowerCase()} non disponible par EPCI en ${o.annee}.`;
  const width = o.width ?? 640;
  const collection = {type: "FeatureCollection" as const, features: zones};
  const titre = (z: Zone) => `${z.properties.nom}\n${z.properties.valeur == null ? NON_DISPONIBLE : fmt(z.properties.valeur)} en ${o.annee}${z.properties.statut === "incomplet" ? " (incomplet)" : z.properties.statut === "approximatif" ? " (approché)" : ""}`;
  const lien = (z: Zone) => `?t=epci:${z.properties.code}`;
  const carte = Plot.plot({
    width, height: Math.round(width * (type === "france" ? 0.95 : 0.85)), ariaLabel: alt,
    projection: {type: "conic-conformal", parallels: [44, 49], rotate: [-3, 0], domain: (contour ?? collection) as never},
    color: {type: "quantile", n: 5, scheme: "blues", legend: true, label: `${i.libelle} (${o.annee})`, tickFormat: (v: number) => fmt(v)},
    marks: [
      Plot.geo(connues, {fill: (z: Zone) => z.properties.valeur, stroke: "white", strokeWidth: 0.4, href: lien, title: titre}),
      // EPCI without a figure: grey, outside the colour scale, never the lowest class.
      Plot.geo(zones.filter((z) => z.properties.valeur == null), {fill: "#d9d9d9", stroke: "white", strokeWidth: 0.4, href: lien, title: titre}),
      contour ? Plot.geo(contour.features, {stroke: "#111", strokeWidth: type === "departement" ? 1.6 : 0.8, fill: "none"}) : null,
      Plot.tip(zones, Plot.pointer(Plot.geoCentroid({title: titre})))
    ]
  });
  const lignes = [...connues, ...zones.filter((z) => z.properties.valeur == null)];
  return html`<figure class="carte carte-epci">
    ${carte}
    <p class="legende-nd"><span class="pastille" style="background:#d9d9d9"></span> ${NON_DISPONIBLE} : EPCI sans valeur en ${o.annee} (${formatEntier(nd)})</p>
    <figcaption>${alt} Cliquer sur un EPCI ouvre sa page. Source : ${i.source} ; contours des EPCI et départements au 1er janvier 2025 (IGN ADMIN EXPRESS).</figcaption>
    <details class="alternative-carte">
      <summary>Tableau des valeurs par EPCI (${formatEntier(zones.length)} EPCI)</summary>
      <table>
        <caption>${i.libelle} par EPCI, ${o.nomTerritoire}, ${o.annee}</caption>
        <thead><tr><th scope="col">EPCI</th><th scope="col">Valeur</th><th scope="col">Année</th><th scope="col">Statut</th></tr></thead>
        <tbody>${lignes.map((z) => html`<tr><th scope="row"><a href=${lien(z)}>${z.properties.nom}</a></th><td>${fmt(z.properties.valeur)}</td><td>${o.annee}</td><td>${z.properties.statut}</td></tr>`)}</tbody>
      </table>
    </details>
  </figure>`;
}
