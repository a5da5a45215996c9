// Views of the projections page: the schéma pluriannuel table of an AO as the convention
// prints it, the scenario controls, and the projection's tables and charts (each chart
// with its text alternative). Each returns one element; the page arranges them.
import {html} from "htl";
import {defilant} from "./defilant.js";
import * as Plot from "@observablehq/plot";
import * as Inputs from "@observablehq/inputs";
import {MODES_SCHEMA, MODES_SCHEMA_PLACES, type ModeSchema} from "../lib/couverture.js";
import {formatDecimal, formatEntier, NON_DISPONIBLE} from "../lib/format.js";
import {ANNEES_SCHEMA} from "../lib/projection.js";
import {LIMITES, PARAMETRES_DEFAUT, SCENARIOS, type ParametresScenario, type PreparationProjection, type ResultatProjection, type ResultatZone, type TableauSchema, type TypeScenario} from "../lib/projection-territoire.js";

const LIBELLE_SCHEMA = new Map(MODES_SCHEMA.map((m) => [m.id, m.libelle]));
const COULEURS: Record<string, string> = {eaje_psu: "#1d5fa7", micro_creche_paje: "#6fa8dc", mam: "#b5651d", assistants_maternels: "#d9822b"};
const taux = (v: number | null | undefined) => (v == null ? NON_DISPONIBLE : formatDecimal(v));
/** Ends a sentence with one full stop, even after « n.d. ». */
const phrase = (s: string) => (s.endsWith(".") ? s : `${s}.`);
/** Why a zone's figures are missing, once each (French, from projection.ts). */
const raisons = (zones: readonly ResultatZone[]) =>
  [...new Set(zones.flatMap((z) => [...z.avertissements, ...z.annees.flatMap((a) => a.manquants.map((m) => `${a.annee} : ${m}`))]))].map((r) => phrase(r.replace(/^./, (c) => c.toUpperCase())));

/** Places are whole, ETP are not: « 225 », « 1,7 », « 0,15 ». */
function chiffre(v: number | null | undefined): string {
  if (v == null) return NON_DISPONIBLE;
  if (Number.isInteger(v)) return formatEntier(v);
  return formatDecimal(v, Number.isInteger(v * 10) ? 1 : 2);
}

const UNITES = {places: "places", etp: "ETP", dispositifs: "dispositifs"} as const;

/** One AO's table, with the columns of the decree's model (décret n° 2025-253). */
export function tableauSchemaAO(t: TableauSchema, nom: string): HTMLElement {
  const textes = (l: TableauSchema["lignes"][number]) => [
    ["Projets", l.projets], ["Coûts et calendrier", l.coutsCalendrier], ["Ingénierie et moyens", l.ingenierie]
  ].filter(([, v]) => v).map(([k, v]) => html`<p><strong>${k} :</strong> ${v}</p>`);
  const notes = t.lignes.flatMap((l) => l.notes.map((n) => `${l.libelle} : ${n}`));
  return html`<div class="schema-ao" data-ao=${t.ao}>
  ${defilant(html`<table class="tableau-schema">
    <caption>${nom} <small>(${t.typeAo === "epci" ? `EPCI ${t.ao}` : `commune ${t.ao}`})</small></caption>
    <thead><tr><th scope="col">Mode d'accueil</th><th scope="col" class="nombre">Nombre</th><th scope="col" class="nombre">Places ou ETP actuels</th>
      ${ANNEES_SCHEMA.map((a) => html`<th scope="col" class="nombre">${a}</th>`)}
      <th scope="col">Besoins en emplois et compétences</th><th scope="col">Autres besoins identifiés</th><th scope="col">Projets, coûts, ingénierie</th></tr></thead>
    <tbody>${t.lignes.map((l) => html`<tr data-mode=${l.mode}>
      <th scope="row">${l.libelle} <small>(${UNITES[l.unite]})</small></th>
      <td class="nombre">${l.nbStructures == null ? "" : formatEntier(l.nbStructures)}</td>
      <td class="nombre" data-annee="actuel">${chiffre(l.actuel)}</td>
      ${ANNEES_SCHEMA.map((a) => html`<td class="nombre" data-annee=${a}>${a in l.annees ? chiffre(l.annees[a]) : "—"}</td>`)}
      <td class="texte">${l.besoinsEmplois ?? ""}</td><td class="texte">${l.autresBesoins ?? ""}</td><td class="texte">${textes(l)}</td>
    </tr>`)}</tbody>
  </table>`)}
  <p class="source">Source : ${t.source} (saisie des analystes). « — » : cellule vide dans le tableau ; ${NON_DISPONIBLE} : cellule illisible ou non renseignée.</p>
  ${notes.length ? html`<details class="notes-saisie"><summary>Notes de saisie (${notes.length})</summary><ul>${notes.map((n) => html`<li>${n}</li>`)}</ul></details>` : ""}
  </div>`;
}

/** Planned places per year and mode, every AO of the territory together (stacked bars). */
export function graphiquePlacesPrevues(tableaux: readonly TableauSchema[], {width = 640, nomAO}: {width?: number; nomAO: (code: string) => string}): HTMLElement | string {
  // One segment per mode and year (summed over the AO), the AO's figures in the tooltip.
  const parCle = new Map<string, {annee: string; mode: string; places: number; detail: string[]}>();
  for (const t of tableaux) for (const l of t.lignes.filter((x) => x.unite === "places")) for (const a of ANNEES_SCHEMA) {
    const v = l.annees[a];
    if (v == null) continue;
    const cle = `${a}|${l.libelle}`;
    const p = parCle.get(cle) ?? parCle.set(cle, {annee: String(a), mode: l.libelle, places: 0, detail: []}).get(cle)!;
    p.places += v;
    p.detail.push(`${nomAO(t.ao)} ${formatEntier(v)}`);
  }
  const points = [...parCle.values()];
  if (!points.length) return "";
  const totaux = ANNEES_SCHEMA.map((a) => ({annee: String(a), places: points.filter((p) => p.annee === String(a)).reduce((s, p) => s + p.places, 0)}));
  const domaine = MODES_SCHEMA.filter((m) => m.unite === "places").map((m) => m.libelle);
  const alt = `Places prévues par le schéma pluriannuel, toutes autorités organisatrices : ${totaux.map((t) => `${t.annee} ${formatEntier(t.places)}`).join(", ")}.`;
  const chart = Plot.plot({
    width, height: 260, marginLeft: 50, ariaLabel: alt,
    x: {label: null, type: "band"},
    y: {label: "places", grid: true, tickFormat: (v: number) => formatEntier(v)},
    color: {domain: domaine, range: MODES_SCHEMA_PLACES.map((m) => COULEURS[m]!), legend: true},
    marks: [
      Plot.barY(points, {x: "annee", y: "places", fill: "mode", order: domaine, title: (d) => `${d.annee} – ${d.mode} : ${formatEntier(d.places)} places (${d.detail.join(", ")})`}),
      Plot.text(totaux, {x: "annee", y: "places", text: (d) => formatEntier(d.places), dy: -8, fontWeight: "bold"}),
      Plot.ruleY([0])
    ]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${alt} Les ETP de relais petite enfance et les dispositifs passerelles ne sont pas des places.</figcaption></figure>`;
}

// ─── Scenario controls ───

const LIBELLES_SCENARIO: Record<TypeScenario, string> = {
  tendance: "Tendance des naissances", stable: "Naissances stables", variation: "Variation annuelle choisie"
};

export interface ValeurFormulaire {
  scenario: TypeScenario;
  annees: number;
  variation: number;
  cible: "departement" | "france" | "choisie";
  tauxChoisi: number;
  repartition: Record<string, number>;
  horsSchema: boolean;
}

/** The scenario form (one Observable input whose value is a ValeurFormulaire), initialised from `p`. */
export function controlesScenario(p: ParametresScenario, cibles: PreparationProjection["cibles"]): HTMLElement & {value: unknown} {
  const nomCible = (c: string) => {
    if (c === "choisie") return "Taux choisi ci-dessous";
    const t = cibles[c as "departement" | "france"];
    const nom = c === "departement" ? "Taux du département" : "Taux national";
    return t ? `${nom} : ${taux(t.valeur)} (${t.annee}${t.origine === "saisie" ? ", saisie" : ""})` : `${nom} : non disponible dans les données chargées`;
  };
  const indisponibles = (["departement", "france"] as const).filter((c) => !cibles[c]);
  const cible = typeof p.cible === "number" ? "choisie" : p.cible;
  const repartition = Inputs.form(Object.fromEntries(MODES_SCHEMA_PLACES.map((m) =>
    [m, Inputs.range([0, 100], {label: LIBELLE_SCHEMA.get(m), step: 5, value: p.repartition[m] ?? 0})])));
  return Inputs.form({
    scenario: Inputs.radio(SCENARIOS, {label: "Naissances après la dernière année publiée", format: (s: TypeScenario) => LIBELLES_SCENARIO[s], value: p.scenario}),
    annees: Inputs.range(LIMITES.annees as unknown as [number, number], {label: "Tendance : années de naissances prises en compte", step: 1, value: p.annees}),
    variation: Inputs.range(LIMITES.variation as unknown as [number, number], {label: "Variation : % par an", step: 0.5, value: p.variation}),
    cible: Inputs.radio(["departement", "france", "choisie"], {label: "Cible de taux de couverture", format: nomCible, value: cible, disabled: indisponibles}),
    tauxChoisi: Inputs.range(LIMITES.cible as unknown as [number, number], {label: "Taux choisi (places pour 100 enfants)", step: 0.5, value: typeof p.cible === "number" ? p.cible : 60}),
    repartition,
    horsSchema: Inputs.toggle({label: "Compter les places hors schéma (école à 2 ans, salariés à domicile)", value: p.horsSchema})
  }, {template: (inputs: Record<string, HTMLElement>) => html`<div class="controles-scenario">
    <fieldset><legend>Naissances</legend>${inputs.scenario}${inputs.annees}${inputs.variation}</fieldset>
    <fieldset><legend>Cible</legend>${inputs.cible}${inputs.tauxChoisi}</fieldset>
    <fieldset><legend>Places à créer : répartition entre les modes (parts)</legend>${inputs.repartition}</fieldset>
    ${inputs.horsSchema}
  </div>`}) as HTMLElement & {value: unknown};
}

/** The form's value as scenario parameters (a mix without any share falls back to the default mix). */
export function parametresDuFormulaire(v: ValeurFormulaire): ParametresScenario {
  const repartition = Object.fromEntries(Object.entries(v.repartition).filter(([, x]) => x > 0)) as Partial<Record<ModeSchema, number>>;
  return {
    scenario: v.scenario, annees: v.annees, variation: v.variation,
    cible: v.cible === "choisie" ? v.tauxChoisi : v.cible,
    repartition: Object.keys(repartition).length ? repartition : {...PARAMETRES_DEFAUT.repartition},
    horsSchema: v.horsSchema
  };
}

// ─── Results ───

/** Projected rate per year for every zone, with the target as a dashed line. */
export function graphiqueTauxProjete(r: ResultatProjection, {width = 640}: {width?: number} = {}): HTMLElement {
  const points = r.zones.flatMap((z) => z.annees.filter((a) => a.tauxCouverture != null).map((a) => ({zone: z.nom, annee: a.annee, taux: a.tauxCouverture!})));
  const bandes = r.zones.flatMap((z) => z.annees.filter((a) => a.tauxBas != null && a.tauxHaut != null).map((a) => ({zone: z.nom, annee: a.annee, bas: a.tauxBas!, haut: a.tauxHaut!})));
  const fourchette = (a: ResultatZone["annees"][number]) => (a.tauxBas == null ? "" : ` (${taux(a.tauxBas)} à ${taux(a.tauxHaut)})`);
  const alt = `Taux de couverture projeté, en places pour 100 enfants de moins de 3 ans${bandes.length ? ", avec sa fourchette (10e–90e centile de l'erreur de l'estimation des enfants)" : ""}. ` +
    r.zones.map((z) => `${z.nom} : ${z.annees.map((a) => `${a.annee} ${taux(a.tauxCouverture)}${fourchette(a)}`).join(", ")}`).join(". ") +
    (r.cible ? `. Cible : ${taux(r.cible.taux)}.` : ".");
  if (!points.length) return html`<p class="alerte">Taux de couverture projeté non calculable. ${raisons(r.zones).slice(0, 6).join(" ") || "Places prévues ou naissances non disponibles dans les données chargées."}</p>`;
  const chart = Plot.plot({
    width, height: 280, marginLeft: 50, ariaLabel: alt,
    // Years on a linear scale: an area (the band) needs a continuous x.
    x: {label: null, domain: [ANNEES_SCHEMA[0]! - 0.3, ANNEES_SCHEMA.at(-1)! + 0.3], ticks: ANNEES_SCHEMA, tickFormat: (d: number) => String(d)},
    y: {label: "places pour 100 enfants", grid: true, zero: true, tickFormat: (v: number) => formatDecimal(v, 0)},
    color: {legend: true, domain: r.zones.map((z) => z.nom)},
    marks: [
      ...(r.cible ? [Plot.ruleY([r.cible.taux], {stroke: "#8a4b00", strokeDasharray: "5,4"}), Plot.text([r.cible.taux], {y: (d: number) => d, x: () => ANNEES_SCHEMA[0]!, text: () => `cible ${taux(r.cible!.taux)}`, dy: -7, textAnchor: "start", fill: "#8a4b00"})] : []),
      // The band: P10–P90 of the estimate's error at each horizon (it widens with the years).
      Plot.areaY(bandes, {x: "annee", y1: "bas", y2: "haut", fill: "zone", fillOpacity: 0.12, z: "zone", className: "fourchette",
        title: (d) => `${d.zone}, ${d.annee} : fourchette ${taux(d.bas)} à ${taux(d.haut)}`}),
      Plot.lineY(points, {x: "annee", y: "taux", stroke: "zone", strokeWidth: (d) => (d.zone === r.zones[0]!.nom ? 3 : 1.5)}),
      Plot.dot(points, {x: "annee", y: "taux", fill: "zone", title: (d) => `${d.zone}, ${d.annee} : ${taux(d.taux)}`})
    ]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${alt}</figcaption></figure>`;
}

/** Births published, then projected, for one zone (bars), and children under 3 projected (text). */
export function graphiqueNaissances(z: ResultatZone, {width = 640}: {width?: number} = {}): HTMLElement {
  const points = z.naissances.filter((n) => n.naissances != null && n.annee >= 2012).map((n) => ({annee: String(n.annee), naissances: n.naissances!, nature: n.observe ? "publiées (INSEE)" : "projetées"}));
  if (!points.length) return html`<p class="alerte">Naissances non disponibles dans les données chargées pour ${z.nom} : pas de projection des enfants de moins de 3 ans.</p>`;
  const publiees = points.filter((p) => p.nature !== "projetées");
  const alt = `Naissances domiciliées, ${z.nom} : publiées ${publiees.map((p) => `${p.annee} ${formatEntier(p.naissances)}`).join(", ")} ; projetées ${points.filter((p) => p.nature === "projetées").map((p) => `${p.annee} ${formatEntier(p.naissances)}`).join(", ")}.`;
  const chart = Plot.plot({
    width, height: 220, marginLeft: 50, ariaLabel: alt,
    x: {label: null, type: "band", tickFormat: (d: string) => (Number(d) % 2 === 0 ? d : "")},
    y: {label: "naissances", grid: true, tickFormat: (v: number) => formatEntier(v)},
    color: {domain: ["publiées (INSEE)", "projetées"], range: ["#1d5fa7", "#a9c6e8"], legend: true},
    marks: [
      Plot.barY(points, {x: "annee", y: "naissances", fill: "nature", title: (d) => `${d.annee} : ${formatEntier(d.naissances)} naissances (${d.nature})`}),
      Plot.ruleY([0])
    ]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${alt}</figcaption></figure>`;
}

/** Places to create per year, split by mode (stacked bars), for one zone. */
export function graphiqueEcart(z: ResultatZone, {width = 640}: {width?: number} = {}): HTMLElement {
  const points = z.annees.flatMap((a) => Object.entries(a.ecartParMode ?? {}).filter(([, v]) => v! > 0).map(([m, v]) => ({annee: String(a.annee), mode: LIBELLE_SCHEMA.get(m as ModeSchema)!, places: v!})));
  const places = (n: number) => `${formatEntier(n)} place${n > 1 ? "s" : ""}`;
  const alt = `Écart à la cible, ${z.nom} : ` + z.annees.map((a) => `${a.annee} ${a.ecart == null ? NON_DISPONIBLE : a.ecart > 0 ? `${places(a.ecart)} à créer` : a.ecart < 0 ? `${places(-a.ecart)} au-dessus de la cible` : "cible atteinte"}`).join(", ");
  if (!points.length) return html`<p class="lecture">${phrase(alt)}</p>`;
  const domaine = MODES_SCHEMA.filter((m) => m.unite === "places").map((m) => m.libelle);
  const chart = Plot.plot({
    width, height: 220, marginLeft: 50, ariaLabel: alt,
    x: {label: null, type: "band", domain: ANNEES_SCHEMA.map(String)},
    y: {label: "places à créer", grid: true, tickFormat: (v: number) => formatEntier(v)},
    color: {domain: domaine, range: MODES_SCHEMA_PLACES.map((m) => COULEURS[m]!), legend: true},
    marks: [Plot.barY(points, {x: "annee", y: "places", fill: "mode", order: domaine, title: (d) => `${d.annee} – ${d.mode} : ${formatEntier(d.places)}`}), Plot.ruleY([0])]
  });
  return html`<figure class="graphique graphique-large">${chart}<figcaption>${phrase(alt)}</figcaption></figure>`;
}

/** « 1 050 à 1 180 », or n.d. without a band. */
const intervalle = (bas: number | null, haut: number | null, f: (v: number) => string) => (bas == null || haut == null ? NON_DISPONIBLE : `${f(bas)} à ${f(haut)}`);

/** What the band is, for a zone's table. */
function bandeTexte(z: ResultatZone): string {
  const b = z.annees.filter((a) => a.bande);
  if (!b.length) return "Pas de fourchette : aucune validation de l'estimation dans les données chargées.";
  const pct = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : ""}${formatDecimal(Math.abs(v), 1)} %`;
  const extrapolees = b.filter((a) => a.bande!.extrapolee).map((a) => a.annee);
  return `Fourchette : 10e et 90e centiles de l'erreur de l'estimation mesurée hors échantillon contre les dénominateurs de la Cnaf, à ${b.map((a) => `${a.horizon} an${a.horizon! > 1 ? "s" : ""} (${a.annee} : ${pct(a.bande!.p10)} à ${pct(a.bande!.p90)})`).join(", ")} de la dernière année publiée par la Cnaf${extrapolees.length ? ` ; au-delà des horizons mesurés (${extrapolees.join(", ")}), la dernière fourchette mesurée élargie comme √horizon` : ""}. Elle ne couvre pas l'incertitude du scénario de naissances.`;
}

/** Year-by-year table of a zone: births, children, places, rate, target, gap and its split. */
export function tableauProjection(z: ResultatZone): HTMLElement {
  const modes = MODES_SCHEMA_PLACES.filter((m) => z.annees.some((a) => a.ecartParMode?.[m] != null));
  const ligne = (titre: string, f: (a: ResultatZone["annees"][number]) => string, cle?: string) =>
    html`<tr><th scope="row">${titre}</th>${z.annees.map((a) => html`<td class="nombre" data-figure=${cle ? `${cle}-${z.code}-${a.annee}` : null}>${f(a)}</td>`)}</tr>`;
  const hs = z.horsSchema;
  return html`<div>${defilant(html`<table class="tableau-projection" data-zone=${z.code}>
    <caption>${z.nom}</caption>
    <thead><tr><th scope="col"></th>${z.annees.map((a) => html`<th scope="col" class="nombre">${a.annee}</th>`)}</tr></thead>
    <tbody>
      ${ligne("Naissances", (a) => `${formatEntier(a.naissances)}${a.naissancesObservees ? "" : "*"}`)}
      ${ligne("Enfants de moins de 3 ans projetés", (a) => formatEntier(a.enfantsMoins3Ans), "enfants")}
      ${ligne("… fourchette (10e–90e centile)", (a) => intervalle(a.enfantsBas, a.enfantsHaut, formatEntier), "enfants-bande")}
      ${ligne("Places prévues au schéma", (a) => formatEntier(a.placesSchema), "places")}
      ${hs.compte ? ligne("Places hors schéma (dernier niveau publié)", (a) => formatEntier(a.placesHorsSchema)) : ""}
      ${ligne("Taux de couverture projeté", (a) => taux(a.tauxCouverture), "taux")}
      ${ligne("… fourchette", (a) => intervalle(a.tauxBas, a.tauxHaut, taux), "taux-bande")}
      ${ligne("Places pour atteindre la cible", (a) => (a.placesCibles == null ? NON_DISPONIBLE : formatEntier(Math.ceil(a.placesCibles - 1e-9))))}
      ${ligne("Écart (places à créer ; négatif : au-dessus)", (a) => (a.ecart == null ? NON_DISPONIBLE : formatEntier(a.ecart)), "ecart")}
      ${ligne("… fourchette", (a) => intervalle(a.ecartBas, a.ecartHaut, formatEntier), "ecart-bande")}
      ${modes.map((m) => ligne(`… dont ${LIBELLE_SCHEMA.get(m)}`, (a) => formatEntier(a.ecartParMode?.[m] ?? null)))}
    </tbody>
  </table>`)}
  <p class="definition">* naissances projetées. Enfants de moins de 3 ans : ${z.methode}. ${bandeTexte(z)} ${hs.compte
    ? hs.annee ? `Places hors schéma : école à 2 ans et salariés à domicile publiés par la Cnaf en ${hs.annee} pour ${hs.communesConnues} commune${hs.communesConnues > 1 ? "s" : ""} sur ${hs.communes}${hs.communesConnues < hs.communes ? " (les autres ne sont pas publiées : minimum)" : ""}, maintenues constantes.` : "Places hors schéma : aucune publiée par la Cnaf pour ces communes."
    : "Places hors schéma non comptées : le taux projeté ne porte que sur les modes du schéma."}
  ${z.annees.flatMap((a) => a.manquants.map((m) => `${a.annee} : ${m}.`)).join(" ")} ${z.avertissements.join(" ")}</p>
  </div>`;
}
