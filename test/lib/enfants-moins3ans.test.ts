// One under-3 figure per territory and year (src/lib/enfants-moins3ans.ts), on the real files:
// the diagnostic, the comparison, the petite-enfance page and the projections, in Node and
// from the files the browser downloads, give the very same number, with its method named.
import {beforeAll, describe, expect, it} from "vitest";
import {comparer, ligneDiagnostic, type ContexteDiagnostic, type Faits} from "../../src/lib/diagnostic.js";
import {assemblerDiagnostic, fichierFrance, fichiersParDepartement} from "../../src/lib/donnees-territoire.js";
import {BASE_ENFANTS_MOINS3, enfantsMoins3AnsTerritoire, serieEnfantsMoins3Ans} from "../../src/lib/enfants-moins3ans.js";
import {ficheTerritoire} from "../../src/lib/fiche.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {couvertureAnnee, couvertureTerritoire} from "../../src/lib/petite-enfance.js";
import {PARAMETRES_DEFAUT, preparerTerritoire, projeterTerritoire, type LigneSchema} from "../../src/lib/projection-territoire.js";
import type {Referentiel} from "../../src/lib/referentiel.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import type {ErreursProjection} from "../../src/lib/validation-moins3ans.js";
import {avecDonneesReelles, donneesPetiteEnfance} from "../aides.js";

describe("la série des moins de 3 ans, sur des faits construits à la main", () => {
  const faits: Faits = {
    series: {
      naissances: {A: {"2020": 10, "2021": 12, "2022": 14, "2023": null}, B: {"2021": 5, "2022": 6}},
      caf_enfants_implicites: {A: {"2022": [40, "a"]}}
    },
    publies: {},
    calibration: {
      A: {coefficients: [Math.log(1.1), 0, 0], rho: 0.9, ecart: 0, methode: "commune", annee: 2022},
      B: {coefficients: [Math.log(0.9), 0, 0], rho: 0.9, ecart: 0, methode: "modele", annee: 2022}
    }
  };
  it("le compte de la Cnaf l'année où elle publie, sinon naissances × facteur ; une naissance masquée ne vaut jamais 0", () => {
    const s = serieEnfantsMoins3Ans(faits);
    expect(s.A).toEqual({"2022": [40, "a"]}); // 2020–2022 would give 36 × 1,1: the Cnaf's own count wins; 2023 has a masked birth year
    expect(s.B).toEqual({}); // 2020 missing
    faits.series[BASE_ENFANTS_MOINS3] = s;
    const e = enfantsMoins3AnsTerritoire(faits, ["A", "B"], "2022");
    expect(e.agregat).toMatchObject({valeur: 40, statut: "incomplet", manquantes: ["B"]});
    expect(e.methode).toMatch(/^Dénominateur de la Cnaf 2022 \(places \/ taux × 100\) pour 1 commune ; estimation calibrée pour 1 commune : naissances des trois dernières années/);
    expect(enfantsMoins3AnsTerritoire(faits, ["A"], "2022").methode).toBe("Dénominateur de la Cnaf 2022 (places / taux × 100)");
  });
});

describe.skipIf(!avecDonneesReelles())("un seul chiffre des moins de 3 ans par territoire et par année (fichiers réels)", () => {
  let ref: Referentiel;
  let faits: Faits;
  let lignes: LigneSchema[];
  let erreurs: ErreursProjection;
  beforeAll(async () => {
    ({ref, faits, lignes, erreurs} = await donneesPetiteEnfance(["04"]));
  });
  const i = () => indicateur("enfants_moins_3_ans_estimes");

  /** The figure of `id` in `annee` along each path that shows it. */
  function parChemin(id: string, annee: string) {
    const t = resoudreTerritoire(ref, id);
    const ids = [t.id, ...equivalents(ref, t)];
    const departement = departementDeReference(ref, t);
    const ctx: ContexteDiagnostic = {id: t.id, equivalents: ids.slice(1), communes: t.communes, departement, faits, comparaisons: {}};
    const diagnostic = ligneDiagnostic(i(), ctx);
    const comparaison = comparer([ctx], [i()])[0]!;
    const couverture = couvertureTerritoire(faits, t.communes, ids, departement);
    const aos = ficheTerritoire(ref, t).autoritesOrganisatrices.lignes;
    const {prep} = preparerTerritoire({faits, territoire: t, equivalents: ids.slice(1), departement, aos, lignesSchema: lignes, erreurs});
    const zone = projeterTerritoire(prep, PARAMETRES_DEFAUT, [Number(annee)]).zones.find((z) => prep.zones.find((p) => p.code === z.code)!.communes.length === t.communes.length)!;
    // The browser: the same figure rebuilt from the files it downloads (the series itself is not in them).
    const fichiers = fichiersParDepartement(ref, faits, {});
    expect(Object.keys(fichiers.get("04")!.series)).not.toContain(BASE_ENFANTS_MOINS3);
    const navigateur = assemblerDiagnostic(ref, t, departement, fichierFrance(faits, {}), new Map([["04", fichiers.get("04")!]]));
    return {
      t,
      unique: enfantsMoins3AnsTerritoire(faits, t.communes, annee),
      diagnostic: diagnostic.evolution.find((e) => e.annee === annee)!.valeur,
      diagnosticEnTete: diagnostic.annee === annee ? diagnostic.valeur.valeur : undefined,
      comparaison: comparaison.annee === annee ? comparaison.valeurs[0] : undefined,
      petiteEnfance: couvertureAnnee(faits, t.communes, ids, annee).enfants,
      petiteEnfanceEnTete: couverture.enfants?.annee === annee ? couverture.enfants.valeur : undefined,
      projection: zone.annees[0]!.enfantsMoins3Ans,
      navigateur: ligneDiagnostic(i(), {...ctx, faits: navigateur.faits}).evolution.find((e) => e.annee === annee)!.valeur
    };
  }

  for (const id of ["commune:04070", "epci:200067437", "groupe:ctg-paa", "departement:04"]) {
    it(`${id} : le même chiffre au diagnostic, à la comparaison, à la petite enfance et aux projections, en 2022 (Cnaf) et 2024 (naissances)`, () => {
      for (const annee of ["2022", "2024"]) {
        const c = parChemin(id, annee);
        const v = c.unique.agregat.valeur;
        expect(v, `${id} ${annee}`).not.toBeNull();
        expect(c.unique.agregat.manquantes).toEqual([]);
        for (const chemin of ["diagnostic", "petiteEnfance", "projection", "navigateur"] as const) expect(c[chemin], `${id} ${annee} ${chemin}`).toBe(v);
        // The headline figures (latest complete year: 2024, births published to 2024).
        if (annee === "2024") {
          expect(c.diagnosticEnTete).toBe(v);
          expect(c.comparaison).toBe(v);
          expect(c.petiteEnfanceEnTete).toBe(v);
        }
      }
    });
  }

  it("Digne-les-Bains : le compte de la Cnaf en 2022, ses naissances 2022–2024 × son rapport de 2022 en 2024", () => {
    expect(parChemin("commune:04070", "2022").unique.agregat.valeur).toBeCloseTo((247 / 62.8) * 100, 9);
    const e = parChemin("commune:04070", "2024").unique;
    // Births 2022–2024 (362) × the model's ratio for Digne plus its own deviation of 2022 faded two years.
    expect(e.agregat.valeur).toBeCloseTo(382.1, 2);
    expect(e.methode).toMatch(/^Estimation calibrée : naissances des trois dernières années corrigées par le rapport enfants Cnaf \/ naissances modélisé \(Cnaf jusqu'en 2022\) ; 1 commune : le modèle et son propre rapport/);
  });

  it("la CTG PAA en 2022 : Digne par la Cnaf, ses 45 autres communes estimées, la méthode le dit", () => {
    const e = parChemin("groupe:ctg-paa", "2022").unique;
    expect(e).toMatchObject({communesCnaf: 1, communesEstimees: 45});
    expect(e.methode).toMatch(/^Dénominateur de la Cnaf 2022 \(places \/ taux × 100\) pour 1 commune ; estimation calibrée pour 45 communes : .*45 communes : le modèle ajusté sur les communes publiées/);
    expect(parChemin("groupe:ctg-paa", "2024").unique.agregat.valeur).toBeCloseTo(1185.99, 2);
    // Same figure as the EPCI it is (issue 11: one territory, one identity).
    expect(e.agregat.valeur).toBe(parChemin("epci:200067437", "2022").unique.agregat.valeur);
  });
});
