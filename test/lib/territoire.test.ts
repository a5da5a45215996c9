// Golden tests on the real referential (@etalab/decoupage-administratif) and the seeds.
import {beforeAll, describe, expect, it} from "vitest";
import {entrepotComplet, entrepotEmbarque, avecDonneesReelles, referentielDe} from "../aides.js";
import type {Referentiel} from "../../src/lib/referentiel.js";
import {millesimeEnVigueur} from "../../src/lib/referentiel.js";
import {equivalents, groupeAdHoc, populationTerritoire, resoudreTerritoire, tableauAO} from "../../src/lib/territoire.js";
import {ficheTerritoire} from "../../src/lib/fiche.js";
import {ajouterTranche, clesPossibles, clesRequete, construireIndex, decouperIndex, departementDuCode} from "../../src/lib/index-territoires.js";
import {communesDuGroupe, entreesRecherche, groupeDepuisCodes, rechercher, rechercherCommunes} from "../../src/lib/recherche.js";

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

  it("le transfert de compétence est un fait de l'EPCI : l'EPCI, la CTG, le département et un groupe ad hoc lisent le même tableau", () => {
    const epci = ficheTerritoire(ref, resoudreTerritoire(ref, "200067437"));
    const ctg = ficheTerritoire(ref, resoudreTerritoire(ref, "ctg-paa"));
    expect(epci.autoritesOrganisatrices).toEqual(ctg.autoritesOrganisatrices);
    expect(epci.autoritesOrganisatrices.millesime).toBe(2022);
    expect(epci.autoritesOrganisatrices.lignes.map((a) => [a.code, a.populationTotale, a.communes.length])).toEqual([
      ["200067437", 38193, 43], ["04049", 5218, 1], ["04116", 4053, 1], ["04149", 2841, 1]
    ]);
    expect(epci.autoritesOrganisatrices.lignes[0]).toMatchObject({enVigueur: "2025-01-01", source: expect.stringContaining("Provence Alpes Agglomération")});
    // the département of Alpes-de-Haute-Provence: PAA's 43 communes have the EPCI as AO
    const dep = tableauAO(ref, resoudreTerritoire(ref, "04"), m(2022));
    expect(dep.find((a) => a.code === "200067437")).toMatchObject({populationTotale: 38193, communes: expect.any(Array)});
    expect(dep.find((a) => a.code === "200067437")!.communes).toHaveLength(43);
    // a group with one transferring commune: its AO is the EPCI, sized on all the communes it acts for
    const adhoc = tableauAO(ref, groupeAdHoc(ref, ["04070", "04049"]), m(2022));
    expect(adhoc.map((a) => [a.code, a.populationTotale, a.communes])).toEqual([["200067437", 38193, ["04070"]], ["04049", 5218, ["04049"]]]);
  });

  it("le sélecteur montre une seule entrée pour la CTG et l'EPCI de mêmes communes, trouvée par le SIREN, le nom ou l'identifiant", () => {
    const entrees = entreesRecherche(construireIndex(ref));
    const attendu = {id: "groupe:ctg-paa", type: "groupe", code: "200067437", nom: "CTG Provence Alpes Agglomération", alias: ["ctg-paa", "CA Provence-Alpes-Agglomération"],
      precision: "Territoire CTG · même territoire que l'EPCI CA Provence-Alpes-Agglomération (200067437) · 46 communes"};
    expect(rechercher(entrees, "200067437")).toEqual([attendu]);
    expect(rechercher(entrees, "ctg-paa")[0]).toEqual(attendu);
    expect(entrees.filter((e) => e.code === "200067437" || e.id === "epci:200067437")).toHaveLength(1);
    expect(rechercher(entrees, "CA Provence-Alpes")[0]!.id).toBe("groupe:ctg-paa");
    // and the EPCI's own id names the CTG as the same territory (entries attach to the perimeter)
    expect(equivalents(ref, resoudreTerritoire(ref, "200067437"))).toEqual(["groupe:ctg-paa"]);
    expect(equivalents(ref, resoudreTerritoire(ref, "ctg-paa"))).toEqual(["epci:200067437"]);
  });

  it("sans transfert connu, chaque commune d'un EPCI est sa propre autorité organisatrice", () => {
    const aos = tableauAO(ref, resoudreTerritoire(ref, "epci:240400440"), m(2022));
    expect(aos.length).toBeGreaterThan(10);
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
  it("un ancien code ou un arrondissement mène à la commune actuelle, en le disant (93059 → Saint-Denis ; 13201 → Marseille)", () => {
    const t = resoudreTerritoire(ref, "93059");
    expect([t.id, t.nom]).toEqual(["commune:93066", "Saint-Denis"]);
    expect(t.rattachement).toBe("93059 (Pierrefitte-sur-Seine) est un ancien code de commune, fusionnée depuis : elle appartient aujourd'hui à Saint-Denis (93066).");
    expect(resoudreTerritoire(ref, "13201").rattachement).toBe("13201 (Marseille 1er Arrondissement) est un arrondissement municipal : les chiffres sont ceux de la commune entière, Marseille (13055).");
    expect(resoudreTerritoire(ref, "93066").rattachement).toBeUndefined();
    // the picker: the former code is found, and leads to today's commune
    const entrees = entreesRecherche(construireIndex(ref));
    expect(rechercher(entrees, "93059")[0]).toEqual({id: "commune:93066", type: "commune", code: "93059", nom: "Pierrefitte-sur-Seine",
      precision: "Ancienne commune · 93059 · fait partie de Saint-Denis (93066)"});
    expect(rechercher(entrees, "Pierrefitte-sur-Seine")[0]!.id).toBe("commune:93066");
  });

  it("l'index du site part sans communes et les reçoit par tranches : la recherche par nom, code ou ancien code n'a besoin que d'une tranche", () => {
    const complet = construireIndex(ref);
    const {base, tranches} = decouperIndex(complet);
    expect(base.communes.code).toEqual([]);
    expect(base.tranches).toEqual([...tranches.keys()].sort());
    // every slice is one of the site's dynamic paths (observablehq.config.ts)
    expect([...tranches.keys()].filter((c) => !clesPossibles([...ref.departements.keys()]).includes(c))).toEqual([]);
    // every commune's département follows from its code (the pages load its files before its slice)
    expect(complet.communes.code.filter((c, i) => departementDuCode(c) !== complet.communes.dep[i])).toEqual([]);
    // the slices together hold the whole index, and none is more than a fifth of it
    const tout = structuredClone(base);
    for (const t of tranches.values()) ajouterTranche(tout, t);
    expect(new Set(tout.communes.code)).toEqual(new Set(complet.communes.code));
    expect(new Set(tout.rattaches!.code)).toEqual(new Set(complet.rattaches!.code));
    expect(Math.max(...[...tranches.values()].map((t) => t.communes.code.length))).toBeLessThan(complet.communes.code.length / 5);
    const avec = (requete: string) => {
      const partiel = structuredClone(base);
      for (const cle of clesRequete(requete)) ajouterTranche(partiel, tranches.get(cle)!);
      return rechercher(entreesRecherche(partiel), requete);
    };
    expect(clesRequete("Digne")).toEqual(["n-d"]);
    expect(avec("Digne")[0]).toMatchObject({id: "commune:04070", nom: "Digne-les-Bains"});
    expect(avec("bains").map((r) => r.id)).toContain("commune:04070"); // a later word of the name
    expect(clesRequete("04070")).toEqual(["c-04"]);
    expect(avec("04070")[0]!.id).toBe("commune:04070");
    expect(avec("93059")[0]).toMatchObject({id: "commune:93066", code: "93059", nom: "Pierrefitte-sur-Seine"});
    expect(avec("Pierrefitte-sur-Seine")[0]!.id).toBe("commune:93066");
    expect(avec("200067437")[0]!.id).toBe("groupe:ctg-paa"); // EPCI and CTG territories are in the base
  });

  it("un groupe composé par le nom de ses communes : seules les communes sont proposées, sans celles déjà choisies ; son adresse le redonne", () => {
    const index = construireIndex(ref);
    const entrees = entreesRecherche(index);
    const communes = entrees.filter((e) => e.type === "commune");
    expect(rechercherCommunes(communes, "aiglun", new Set()).map((r) => r.id)).toEqual(["commune:04001", "commune:06001"]);
    expect(rechercherCommunes(communes, "aiglun", new Set(["commune:04001"])).map((r) => r.id)).toEqual(["commune:06001"]);
    expect(rechercherCommunes(communes, "Provence", new Set()).every((r) => r.type === "commune")).toBe(true);
    expect(rechercherCommunes(communes, " ", new Set())).toEqual([]);
    // the same id as pasted codes, and back to its communes (their own entries, not a former commune's)
    const g = groupeDepuisCodes(index, "04070,04001")!.resultat!;
    expect(g.id).toBe("communes:04001,04070");
    expect(communesDuGroupe(entrees, g.id).map((c) => [c.id, c.nom])).toEqual([["commune:04001", "Aiglun"], ["commune:04070", "Digne-les-Bains"]]);
    expect(communesDuGroupe(entrees, "communes:93066,93059").map((c) => c.nom)).toEqual(["Saint-Denis"]);
    expect(communesDuGroupe(entrees, "groupe:ctg-paa")).toEqual([]);
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
  it("les seuils AO utilisent par défaut la population en vigueur au 1er janvier 2025, date d'effet des compétences (millésime 2022)", () => {
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
