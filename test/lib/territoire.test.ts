// Golden tests on the real referential (@etalab/decoupage-administratif) and the seeds.
import {beforeAll, describe, expect, it} from "vitest";
import {entrepotComplet, entrepotEmbarque, avecDonneesReelles, referentielDe} from "../aides.js";
import type {Referentiel} from "../../src/lib/referentiel.js";
import {millesimeEnVigueur} from "../../src/lib/referentiel.js";
import {groupeAdHoc, populationTerritoire, resoudreTerritoire, tableauAO} from "../../src/lib/territoire.js";
import {ficheTerritoire} from "../../src/lib/fiche.js";

let ref: Referentiel;
const m = (annee: number) => ref.millesimes.find((x) => x.annee === annee)!;
beforeAll(async () => {
  ref = await referentielDe(entrepotEmbarque());
});

describe("CA Provence Alpes Agglomération (seed 000)", () => {
  it("compte 46 communes et 48 726 habitants (population municipale, millésime 2022), 50 305 en population totale", () => {
    const t = resoudreTerritoire(ref, "200067437");
    expect(t.type).toBe("epci");
    expect(t.communes).toHaveLength(46);
    const p = populationTerritoire(ref, t.communes, m(2022));
    expect(p.municipale).toBe(48726);
    expect(p.totale).toBe(50305);
  });

  it("reproduit le tableau des autorités organisatrices : 38 193 habitants pour les communes ayant transféré la compétence", () => {
    const aos = tableauAO(ref, resoudreTerritoire(ref, "ctg-paa"), m(2022));
    const parCode = Object.fromEntries(aos.map((a) => [a.code, a]));
    expect(aos).toHaveLength(4);
    expect(parCode["200067437"]).toMatchObject({type: "epci", populationTotale: 38193, tranche: "plus de 10 000", competences: ["recenser", "informer", "planifier", "schema"]});
    expect(parCode["200067437"]!.communes).toHaveLength(43);
    expect(parCode["04049"]).toMatchObject({nom: "Château-Arnoux-Saint-Auban", populationTotale: 5218, tranche: "3 500 à 10 000", competences: ["recenser", "informer", "planifier"]});
    expect(parCode["04116"]).toMatchObject({nom: "Les Mées", populationTotale: 4053, tranche: "3 500 à 10 000"});
    expect(parCode["04149"]).toMatchObject({nom: "Peyruis", populationTotale: 2841, tranche: "moins de 3 500", competences: ["recenser", "informer"]});
  });

  it("sans définition, chaque commune d'un EPCI est sa propre autorité organisatrice", () => {
    const aos = tableauAO(ref, resoudreTerritoire(ref, "epci:200067437"), m(2022));
    expect(aos).toHaveLength(46);
    expect(aos.every((a) => a.type === "commune")).toBe(true);
  });
});

describe("résolution des territoires", () => {
  it("reconnaît communes, EPCI, départements, régions, France et territoires CTG", () => {
    expect(resoudreTerritoire(ref, "04070").nom).toBe("Digne-les-Bains");
    expect(resoudreTerritoire(ref, "04").communes).toHaveLength(198);
    expect(resoudreTerritoire(ref, "reg:93").type).toBe("region");
    expect(resoudreTerritoire(ref, "france").communes.length).toBe(ref.communes.size);
    expect(resoudreTerritoire(ref, "ctg-bassin-carros").communes).toEqual(["06025", "06033", "06064", "06065", "06066", "06122"]);
    expect(resoudreTerritoire(ref, "ctg-forcalquier").communes).toHaveLength(13);
  });
  it("refuse un territoire inconnu avec un message en français", () => {
    expect(() => resoudreTerritoire(ref, "99999")).toThrow(/Territoire inconnu : « 99999 »/);
    expect(() => groupeAdHoc(ref, ["04070", "00000"])).toThrow(/Commune inconnue du référentiel : 00000/);
    expect(() => groupeAdHoc(ref, [])).toThrow(/vide/);
  });
  it("un groupe ad hoc additionne les populations de ses communes", () => {
    const g = groupeAdHoc(ref, ["04070", "04049", "04070"]);
    expect(g.communes).toEqual(["04049", "04070"]);
    expect(populationTerritoire(ref, g.communes, m(2022)).totale).toBe(18547 + 5218);
  });
});

describe("millésimes", () => {
  it("le millésime par défaut est celui en vigueur au 1er janvier de l'année", () => {
    expect(millesimeEnVigueur(ref.millesimes, 2026).annee).toBe(2023);
    expect(millesimeEnVigueur(ref.millesimes, 2025).annee).toBe(2022);
  });
  it("une population totale absente n'est jamais remplacée par 0", () => {
    // The package gives no population totale for millésime 2023: the sum stays unknown.
    const p = populationTerritoire(ref, resoudreTerritoire(ref, "200067437").communes, m(2023));
    expect(p.municipale).toBe(49137);
    expect(p.totale).toBeNull();
    expect(p.manquantesTotale).toHaveLength(46);
  });
  it("les seuils AO utilisent par défaut le dernier millésime où la population totale est connue", () => {
    const f = ficheTerritoire(ref, resoudreTerritoire(ref, "ctg-paa"), {annee: 2026});
    expect(f.population.millesime).toBe(2023);
    expect(f.autoritesOrganisatrices.millesime).toBe(2022);
    expect(f.autoritesOrganisatrices.lignes.find((a) => a.type === "epci")!.populationTotale).toBe(38193);
  });
});

describe.skipIf(!avecDonneesReelles())("avec les populations légales 2023 de l'INSEE (../shared/data)", () => {
  it("PAA : 49 137 habitants (municipale), 50 634 (totale) ; Digne-les-Bains 17 979 / 18 764", async () => {
    const complet = await referentielDe(entrepotComplet());
    const m23 = complet.millesimes.find((x) => x.annee === 2023)!;
    const paa = populationTerritoire(complet, resoudreTerritoire(complet, "200067437").communes, m23);
    expect([paa.municipale, paa.totale]).toEqual([49137, 50634]);
    expect(complet.communes.get("04070")!.pop!["2023"]).toEqual([17979, 18764]);
  });
});
