// Projection 2026–2030: births scenarios, children under 3, planned places, gap to a target.
import {describe, expect, it} from "vitest";
import {ecartPlaces, placesPrevuesAnnee, projeterCouverture, projeterNaissances, repartirEcart, type PlacesPrevues} from "../../src/lib/projection.js";

const lineaire = [2020, 2021, 2022, 2023, 2024].map((annee, i) => ({annee, naissances: 400 - 10 * i}));

// Provence Alpes Agglomération, schéma pluriannuel (seed 000), place modes only.
const paa: PlacesPrevues[] = [2026, 2027, 2028, 2029, 2030].flatMap((annee) => [
  {mode: "eaje_psu" as const, annee, places: annee === 2026 ? 189 : 200},
  {mode: "micro_creche_paje" as const, annee, places: 20},
  {mode: "mam" as const, annee, places: 8},
  {mode: "assistants_maternels" as const, annee, places: 225},
  {mode: "rpe" as const, annee, places: 1.7}
]);

describe("projection des naissances", () => {
  it("tendance : droite des moindres carrés sur les dernières années", () => {
    const s = projeterNaissances(lineaire, {type: "tendance"}, 2030);
    expect(s.derniereAnnee).toBe(2024);
    expect(s.serie.filter((x) => !x.observe).map((x) => Math.round(x.naissances!))).toEqual([350, 340, 330, 320, 310, 300]);
    expect(s.avertissements).toEqual([]);
  });
  it("tendance sur une fenêtre choisie", () => {
    const s = projeterNaissances([{annee: 2018, naissances: 1000}, ...lineaire], {type: "tendance", annees: 3}, 2025);
    expect(s.serie.at(-1)!.naissances).toBeCloseTo(350, 10);
  });
  it("stable : dernière année observée", () => {
    const s = projeterNaissances(lineaire, {type: "stable"}, 2026);
    expect(s.serie.slice(-2).map((x) => x.naissances)).toEqual([360, 360]);
  });
  it("variation : pourcentage annuel choisi", () => {
    const s = projeterNaissances(lineaire, {type: "variation", pourcentAnnuel: -2}, 2026);
    expect(s.serie.at(-1)!.naissances).toBeCloseTo(360 * 0.98 ** 2, 10);
  });
  it("ne projette jamais de naissances négatives", () => {
    const s = projeterNaissances([{annee: 2023, naissances: 20}, {annee: 2024, naissances: 5}], {type: "tendance"}, 2026);
    expect(s.serie.slice(-2).map((x) => x.naissances)).toEqual([0, 0]);
    expect(s.avertissements[0]).toMatch(/sous zéro/);
  });
  it("maintient le dernier niveau, en le disant, quand la tendance n'a qu'un point", () => {
    const s = projeterNaissances([{annee: 2024, naissances: 30}], {type: "tendance"}, 2025);
    expect(s.serie.at(-1)!.naissances).toBe(30);
    expect(s.avertissements[0]).toMatch(/Tendance impossible/);
  });
  it("laisse vides les années manquantes de la série observée", () => {
    const s = projeterNaissances([{annee: 2022, naissances: 30}, {annee: 2023, naissances: null}, {annee: 2024, naissances: 32}], {type: "stable"}, 2025);
    expect(s.serie.map((x) => [x.annee, x.naissances, x.observe])).toEqual([[2022, 30, true], [2023, null, true], [2024, 32, true], [2025, 32, false]]);
  });
  it("ne projette rien sans naissance publiée", () => {
    expect(projeterNaissances([{annee: 2024, naissances: null}], {type: "stable"}, 2030).serie).toEqual([]);
  });
});

describe("places prévues et écart à la cible", () => {
  it("additionne les modes exprimés en places (pas les ETP de RPE)", () => {
    expect(placesPrevuesAnnee(paa, 2026)).toEqual({places: 442, parMode: {eaje_psu: 189, micro_creche_paje: 20, mam: 8, assistants_maternels: 225}, manquants: []});
    expect(placesPrevuesAnnee(paa, 2027).places).toBe(453);
  });
  it("un mode absent ne prévoit aucune place ; une valeur illisible rend le total inconnu", () => {
    expect(placesPrevuesAnnee([{mode: "eaje_psu", annee: 2026, places: 21}], 2026).places).toBe(21);
    expect(placesPrevuesAnnee([{mode: "eaje_psu", annee: 2026, places: null}, {mode: "mam", annee: 2026, places: 8}], 2026)).toEqual({places: null, parMode: {mam: 8}, manquants: ["eaje_psu"]});
  });
  it("arrondit l'écart à la place supérieure sans bruit de calcul", () => {
    expect(ecartPlaces(59.5, 400, 238)).toBe(0); // 59,5 × 400 / 100 = 238 exactement
    expect(ecartPlaces(59.5, 400, 237)).toBe(1);
    expect(ecartPlaces(59.5, 401, 238)).toBe(1); // 238,595 → 1 place
    expect(ecartPlaces(50, 400, 250)).toBe(-50); // surplus
    expect(ecartPlaces(50, null, 250)).toBeNull();
  });
  it("répartit l'écart selon le mélange de modes, en places entières qui s'additionnent", () => {
    expect(repartirEcart(10, {eaje_psu: 1, mam: 1, assistants_maternels: 1})).toEqual({eaje_psu: 4, mam: 3, assistants_maternels: 3});
    expect(repartirEcart(7, {eaje_psu: 0.5, assistants_maternels: 0.5})).toEqual({eaje_psu: 4, assistants_maternels: 3});
    expect(repartirEcart(-5, {eaje_psu: 1})).toEqual({eaje_psu: 0});
    expect(() => repartirEcart(5, {rpe: 1})).toThrow(/n'est pas un mode exprimé en places/);
    expect(() => repartirEcart(5, {eaje_psu: -1})).toThrow(/positive/);
    expect(() => repartirEcart(5, {})).toThrow(/au moins un mode/);
  });
});

describe("projection d'un territoire", () => {
  const base = {naissances: lineaire, placesPrevues: paa, cible: {origine: "france" as const, taux: 59.5}};
  it("projette enfants, taux et écart pour chaque année du schéma", () => {
    const p = projeterCouverture({...base, scenario: {type: "tendance"}, repartition: {eaje_psu: 1, assistants_maternels: 1}});
    const a2026 = p.annees[0]!;
    expect(a2026.annee).toBe(2026);
    expect(a2026.enfantsMoins3Ans).toBeCloseTo(360 + 350 + 340, 9);
    expect(a2026.placesPrevues).toBe(442);
    expect(a2026.tauxCouverture).toBeCloseTo((442 / 1050) * 100, 9);
    expect(a2026.ecart).toBe(Math.ceil(0.595 * 1050 - 442)); // 624,75 − 442 → 183
    expect(a2026.ecartParMode).toEqual({eaje_psu: 92, assistants_maternels: 91});
    expect(p.annees.map((a) => a.annee)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(p.annees.at(-1)!.enfantsMoins3Ans).toBeCloseTo(320 + 310 + 300, 9);
  });
  it("ajoute les places hors schéma (préscolarisation, garde à domicile) pour comparer au taux global Cnaf", () => {
    const p = projeterCouverture({...base, scenario: {type: "stable"}, placesHorsSchema: 18});
    expect(p.annees[0]!.placesPrevues).toBe(460);
    expect(p.annees[0]!.enfantsMoins3Ans).toBe(1080);
  });
  it("zéro naissance : taux inconnu (pas infini), écart négatif", () => {
    const zero = [2020, 2021, 2022, 2023, 2024].map((annee) => ({annee, naissances: 0}));
    const a = projeterCouverture({...base, naissances: zero, scenario: {type: "stable"}}).annees[0]!;
    expect(a.enfantsMoins3Ans).toBe(0);
    expect(a.tauxCouverture).toBeNull();
    expect(a.ecart).toBe(-442);
  });
  it("années de naissances manquantes : la projection le dit au lieu d'inventer", () => {
    const trou = [{annee: 2023, naissances: 300}, {annee: 2024, naissances: 300}];
    const p = projeterCouverture({...base, naissances: trou, scenario: {type: "stable"}});
    expect(p.annees[0]!.enfantsMoins3Ans).toBe(900);
    const avecTrou = projeterCouverture({...base, naissances: [{annee: 2024, naissances: 300}, {annee: 2025, naissances: null}, {annee: 2026, naissances: 310}], scenario: {type: "stable"}, annees: [2026, 2027]});
    expect(avecTrou.annees[0]!.enfantsMoins3Ans).toBeNull();
    expect(avecTrou.annees[0]!.manquants).toEqual(["naissances 2025 non publiées"]);
  });
  it("fourchette : facteur de calibration appliqué, bande qui s'élargit avec l'horizon sur enfants, taux et écart", () => {
    // Errors measured at horizons 1 to 3 (signed %, P10 / P90), as validation-moins3ans.ts gives them.
    const d = (horizon: number, p10: number, p90: number) => ({horizon, n: 100, medianeAbsolue: 1, p90Absolu: 1, p10, mediane: 0, p90, parTaille: []});
    const erreurs = {horizons: [d(1, -5, 5), d(2, -7, 8), d(3, -9, 11)], sansPublication: null};
    const p = projeterCouverture({...base, scenario: {type: "stable"}, calibration: {communes: [{facteur: {coefficients: [Math.log(0.95), 0, 0], rho: 0.9, ecart: 0, methode: "commune", annee: 2024}, part: 1}], annee: 2024, mutualise: false}, erreurs});
    const [a2026, a2027] = p.annees;
    expect(a2026!.enfantsMoins3Ans).toBeCloseTo(1080 * 0.95, 9);
    expect(a2026!.horizon).toBe(2);
    expect(a2026!.enfantsBas).toBeCloseTo(1026 / 1.08, 9);
    expect(a2026!.enfantsHaut).toBeCloseTo(1026 / 0.93, 9);
    expect(a2026!.tauxBas).toBeCloseTo((442 / (1026 / 0.93)) * 100, 9);
    expect(a2026!.tauxHaut).toBeCloseTo((442 / (1026 / 1.08)) * 100, 9);
    expect(a2026!.ecartBas).toBe(Math.ceil((59.5 * 1026) / 1.08 / 100 - 442));
    expect(a2026!.ecartHaut).toBe(Math.ceil((59.5 * 1026) / 0.93 / 100 - 442));
    expect(a2027!.bande).toEqual({horizon: 3, p10: -9, p90: 11, extrapolee: false});
    // Each year's band is wider than the year before: children, rate and gap alike.
    const largeur = (f: (a: (typeof p.annees)[number]) => number) => p.annees.map(f);
    for (const w of [largeur((a) => a.enfantsHaut! - a.enfantsBas!), largeur((a) => a.tauxHaut! - a.tauxBas!), largeur((a) => a.ecartHaut! - a.ecartBas!)]) {
      for (let k = 1; k < w.length; k++) expect(w[k]!).toBeGreaterThan(w[k - 1]!);
    }
    expect(p.annees.at(-1)!.bande!.extrapolee).toBe(true);
    // Without calibration (no Cnaf file loaded): raw births, no band.
    const brut = projeterCouverture({...base, scenario: {type: "stable"}, erreurs}).annees[0]!;
    expect([brut.enfantsMoins3Ans, brut.bande, brut.tauxBas]).toEqual([1080, null, null]);
  });
});
