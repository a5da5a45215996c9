// The annexe-1 diagnostic on real files (../shared/data) and the seeds.
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {calculer, comparer, diagnostic, diagnosticEnDeuxTemps, ligneDiagnostic, type ContexteDiagnostic} from "../../src/lib/diagnostic.js";
import {annexe, debutAnnexe} from "../../src/lib/annexe.js";
import {textesDe, type TexteSection} from "../../src/lib/textes-analystes.js";
import {lireTextesAnalystes} from "../../entrepot/textes.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {ratio, somme} from "../../src/lib/agregation.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

let d: DonneesDiagnostic;
let textes: TexteSection[];
const ctx = (saisie: string, millesimePopulation?: string): ContexteDiagnostic => {
  const t = resoudreTerritoire(d.ref, saisie);
  return {id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons, millesimePopulation};
};
const ligne = (saisie: string, id: string, millesime?: string) => ligneDiagnostic(indicateur(id), ctx(saisie, millesime));

describe.skipIf(!avecDonneesReelles())("diagnostic sur les fichiers réels", () => {
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    d = await lireDonneesDiagnostic(conn);
    textes = await lireTextesAnalystes(conn);
    conn.closeSync();
  });

  it("en deux temps (la page affiche la première section avant de calculer les autres) : le même diagnostic, la même annexe, notes numérotées pareil", () => {
    for (const saisie of ["ctg-paa", "departement:06", "04070"]) {
      const c = ctx(saisie, "2022");
      const etapes = diagnosticEnDeuxTemps(c);
      expect(etapes.premiere.map((s) => s.section), saisie).toEqual(["démographie"]);
      const sections = [...etapes.premiere, ...etapes.suite()];
      expect(sections, saisie).toEqual(diagnostic(c));
      const t = textesDe(textes, [c.id, ...(c.equivalents ?? [])]);
      const tout = annexe(sections, t, (code) => code);
      const debut = debutAnnexe(etapes.premiere, t, (code) => code);
      expect(debut, saisie).toEqual(tout.sections.slice(0, debut.length));
      // PAA's analysts describe its territory before its demography: both come first, the territory's text citing note 1.
      if (saisie === "ctg-paa") expect([debut.map((s) => s.id), debut[0]!.noteTexte]).toEqual([["territoire", "démographie"], 1]);
    }
  });

  it("naissances : Digne-les-Bains 117 en 2022 ; PAA 378 en 2022 (seed 000), 367 en 2024", () => {
    const digne = ligne("04070", "naissances");
    expect(digne.evolution.find((e) => e.annee === "2022")!.valeur).toBe(117);
    const paa = ligne("ctg-paa", "naissances");
    expect(paa.evolution.find((e) => e.annee === "2022")!.valeur).toBe(378);
    expect([paa.annee, paa.valeur.valeur, paa.valeur.statut]).toEqual(["2024", 367, "complet"]);
    expect(paa.departement!.valeur).toBe(1276);
    expect(paa.france!.valeur).toBe(calculer(indicateur("naissances"), d.faits, [...d.ref.communes.keys()], "2024").valeur);
  });

  it("lignes publiées au-dessus de la commune : France 2015 = ligne France de l'INSEE (796 844, 4 de plus que ses communes), dite publiée", () => {
    const france = ligne("france", "naissances");
    const en2015 = calculer(indicateur("naissances"), d.faits, [...d.ref.communes.keys()], "2015", "france");
    expect([en2015.valeur, en2015.publie]).toEqual([796_844, true]);
    expect(somme(d.faits.series.naissances!, [...d.ref.communes.keys()], "2015").valeur).toBe(796_840);
    expect(france.evolution.find((e) => e.annee === "2015")!.valeur).toBe(796_844);
    // the département of Cantal publishes 1 128 in 2015 where its communes sum to 1 124
    expect(ligne("departement:15", "naissances").evolution.find((e) => e.annee === "2015")!.valeur).toBe(1128);
    // an EPCI's own row, and the CTG with the same communes takes it too
    expect(ligne("ctg-paa", "naissances").valeur.publie).toBe(true);
    // a group the source does not publish is the sum of its communes
    expect(ligne("ctg-bassin-carros", "naissances").valeur.publie).toBeUndefined();
  });

  it("millésimes appariés par date : PAA personnes couvertes 2025 / population en vigueur au 1er janvier 2025 (millésime 2022) = 42,3 % par défaut", () => {
    for (const t of ["ctg-paa", "200067437"]) {
      const l = ligne(t, "part_population_couverte");
      expect([l.annee, l.valeur.anneeDenominateur]).toEqual(["2025", "2022"]);
      expect(l.valeur.valeur).toBeCloseTo((20_625 / 48_726) * 100, 10);
      expect(Math.round(l.valeur.valeur! * 10) / 10).toBe(42.3);
      // the population millésime picked for the population figure leaves the pairing alone
      expect(ligne(t, "part_population_couverte", "2023").valeur.valeur).toBe(l.valeur.valeur);
    }
  });

  it("natalité de l'année N : population du millésime N, sinon du plus proche, et les deux années sont dites", () => {
    const i = indicateur("natalite");
    const communes = resoudreTerritoire(d.ref, "04070").communes;
    expect(calculer(i, d.faits, communes, "2022").anneeDenominateur).toBe("2022");
    expect(calculer(i, d.faits, communes, "2024").anneeDenominateur).toBe("2023");
    expect(calculer(i, d.faits, communes, "2008").anneeDenominateur).toBe("2019"); // the oldest millésime loaded: the nearest, and said
    expect(calculer(i, d.faits, communes, "2022").valeur).toBeCloseTo((117 / 17_694) * 1000, 10);
  });

  it("populations légales 2023 : PAA 49 137 habitants ; millésime 2022 au choix : 48 726", () => {
    expect(ligne("200067437", "population_municipale").valeur.valeur).toBe(49137);
    expect(ligne("200067437", "population_municipale", "2022").valeur.valeur).toBe(48726);
  });

  it("Filosofi 2019 : médiane publiée pour l'EPCI, reprise pour la CTG qui a les mêmes communes (20 650 €)", () => {
    expect(ligne("200067437", "revenu_median").valeur.valeur).toBe(20650);
    const paa = ligne("ctg-paa", "revenu_median");
    expect([paa.valeur.valeur, paa.departement!.valeur, paa.france!.valeur]).toEqual([20650, 20690, 21930]);
    expect(ligne("04070", "revenu_median").valeur.valeur).toBe(20390);
    // A median cannot be aggregated: a group that is not a published territory has none.
    expect(ligne("ctg-bassin-carros", "revenu_median").valeur.statut).toBe("non disponible");
  });

  it("le taux d'un groupe est Σ numérateurs / Σ dénominateurs de ses communes, jamais une moyenne de taux", () => {
    const t = resoudreTerritoire(d.ref, "ctg-bassin-carros");
    const i = indicateur("natalite");
    const groupe = calculer(i, d.faits, t.communes, "2022");
    const naissances = somme(d.faits.series.naissances!, t.communes, "2022").valeur!;
    const population = somme(d.faits.series.pop_mun!, t.communes, "2022").valeur!;
    expect(groupe.valeur).toBeCloseTo((naissances / population) * 1000, 10);
    const moyenne = t.communes.map((c) => calculer(i, d.faits, [c], "2022").valeur!).reduce((a, b) => a + b) / t.communes.length;
    expect(Math.abs(groupe.valeur! - moyenne)).toBeGreaterThan(0.01);
  });

  it("une IRIS masquée ne compte jamais pour 0 : la part est calculée sur les IRIS publiées et dite incomplète", () => {
    const digne = ligne("04070", "part_rsa");
    expect(digne.valeur.statut).toBe("incomplet");
    const i = indicateur("part_rsa");
    if (i.calcul.type !== "ratio") throw new Error("ratio attendu");
    const r = ratio(d.faits.series[i.calcul.numerateur]!, d.faits.series[i.calcul.denominateur]!, ["04070"], {num: "2020", den: "2020"});
    expect(digne.valeur.valeur).toBe(r.valeur);
    const allocataires = ligne("04070", "allocataires");
    expect(allocataires.valeur.statut).toBe("incomplet");
  });

  it("détail par commune jusqu'à 1 000 communes (un département), pas au-delà (une région, la France)", () => {
    const dep = ligne("departement:04", "naissances");
    expect(dep.communes).toHaveLength(198);
    expect(dep.communes.find((c) => c.code === "04070")!.valeur).toBe(calculer(indicateur("naissances"), d.faits, ["04070"], dep.annee!).valeur);
    const paca = ligne("region:93", "naissances");
    expect(paca.communes).toHaveLength(946);
    const france = ligne("france", "naissances");
    expect([france.communes.length, france.valeur.valeur! > 600_000]).toEqual([0, true]);
  });
  it("chaque section de l'annexe 1 présente au moins un indicateur, avec une lecture", () => {
    const sections = diagnostic(ctx("ctg-paa"));
    expect(sections.map((s) => s.section)).toEqual(expect.arrayContaining(["démographie", "allocataires et précarité", "revenus", "petite enfance"]));
    for (const s of sections) for (const l of s.lignes) expect(l.lecture.length).toBeGreaterThan(10);
  });

  it("compare les trois territoires CTG à la même année", () => {
    const lignes = comparer([ctx("ctg-paa"), ctx("ctg-bassin-carros"), ctx("ctg-forcalquier")]);
    const naissances = lignes.find((l) => l.id === "naissances")!;
    expect(naissances.annee).toBe("2024");
    expect(naissances.valeurs[0]).toBe(367);
  });
});
