// Golden tests: the diagnostics of seed 000 (PAA 2025) and seed 002 (Bassin de vie 2020)
// computed from analysts' entries (data/saisies/diagnostic.csv) and our own data, the way
// the site and the CLI compute them. Derived shares are never entered: they are computed.
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {calculer, diagnostic, type ContexteDiagnostic, type LigneDiagnostic} from "../../src/lib/diagnostic.js";
import {INDICATEURS, SECTIONS, indicateur} from "../../src/lib/indicateurs.js";
import {resoudreTerritoire} from "../../src/lib/territoire.js";
import {espacesSimples, formatPourcent, formatValeur} from "../../src/lib/format.js";
import {entrepotEmbarque} from "../aides.js";

let d: DonneesDiagnostic;
beforeAll(async () => {
  const conn = await ouvrirEntrepot(entrepotEmbarque());
  try {
    d = await lireDonneesDiagnostic(conn);
  } finally {
    conn.closeSync();
  }
});

function contexte(id: string, departement: string, millesimePopulation?: string): ContexteDiagnostic {
  const t = resoudreTerritoire(d.ref, id);
  return {id: t.id, communes: t.communes, departement, faits: d.faits, comparaisons: d.comparaisons, millesimePopulation};
}
const lignes = (ctx: ContexteDiagnostic) => new Map<string, LigneDiagnostic>(diagnostic(ctx).flatMap((s) => s.lignes).map((l) => [l.id, l]));
const affiche = (l: LigneDiagnostic | undefined) => (l ? espacesSimples(formatValeur(l.valeur.valeur, indicateur(l.id).unite)) : undefined);

describe("catalogue des indicateurs saisis", () => {
  it("donne à chaque indicateur un identifiant unique, une section connue, une définition et une source", () => {
    expect(new Set(INDICATEURS.map((i) => i.id)).size).toBe(INDICATEURS.length);
    for (const i of INDICATEURS) {
      expect([i.id, SECTIONS.includes(i.section)]).toEqual([i.id, true]);
      expect(i.id).toMatch(/^[a-z0-9_]+$/);
      expect(i.definition.length).toBeGreaterThan(10);
      expect(i.source.length).toBeGreaterThan(0);
    }
  });
  it("réutilise les séries des fichiers officiels quand le chiffre veut dire la même chose", () => {
    expect(indicateur("allocataires").calcul).toEqual({type: "somme", base: "caf_a"});
    expect(indicateur("prime_activite").calcul).toEqual({type: "somme", base: "caf_appa"});
    expect(indicateur("part_paje").calcul).toMatchObject({type: "ratio", numerateur: "caf_apaje", denominateur: "caf_a"});
    expect(indicateur("taux_couverture_global")).toMatchObject({unite: "places100", calcul: {type: "publie", base: "caf_txcouv"}});
    expect(indicateur("places_eaje").calcul).toEqual({type: "somme", base: "places_eaje"});
  });
});

describe("diagnostic de la CTG Provence Alpes Agglomération (seed 000, PAA 2025)", () => {
  let l: Map<string, LigneDiagnostic>;
  beforeAll(() => {
    l = lignes(contexte("groupe:ctg-paa", "04", "2022"));
  });

  it("calcule la part de la population couverte : 20 625 / 48 726 = 42,3 % (jamais saisie)", () => {
    const p = l.get("part_population_couverte")!;
    expect(p.annee).toBe("2025");
    expect(p.valeur.valeur).toBeCloseTo((20625 / 48726) * 100, 10);
    expect(espacesSimples(formatPourcent(p.valeur.valeur))).toBe("42,3 %");
    expect(p.valeur.statut).toBe("complet");
    expect(p.valeur.source).toMatch(/^Caf 04 – diagnostic CTG PAA 2025, annexe 1, § 3\.1 Données allocataires \(sources : INSEE 2025/);
    expect(affiche(l.get("population_municipale"))).toBe("48 726");
  });

  it("reprend les chiffres saisis tels que le diagnostic les imprime", () => {
    const attendus: Record<string, string> = {
      allocataires: "9 635", personnes_couvertes: "20 625", personnes_seules: "10 428", couples_sans_enfant: "6 803", familles_monoparentales_rp: "2 405",
      taux_chomage: "11,3 %", part_65_ans_et_plus: "27,0 %", part_moins_18_ans: "18,2 %", indice_jeunesse: "58",
      part_allocataires_bas_revenus: "41,4 %", part_allocataires_fragiles: "16,9 %", taux_dependance_50: "27,3 %", taux_dependance_100: "15,2 %",
      rsa: "1 220", prime_activite: "3 590", aah: "1 325", logements: "33 594", residences_principales: "24 234", part_proprietaires: "56,3 %",
      logements_sociaux: "2 656", part_taux_effort_40: "10,3 %", part_impayes_logement: "4,9 %", familles_allocataires: "4 210",
      part_monoparentales_familles: "39,9 %", part_familles_bas_revenus: "35,0 %", part_monoparentales_bas_revenus: "56,8 %",
      clas: "4", laep: "1", mediation_familiale: "1", enfants_moins_3_ans: "1 151", part_parents_emploi: "55,5 %", part_parents_isoles_emploi: "36,6 %",
      eaje: "14", places_eaje: "281", assistants_maternels: "84", rpe: "2", taux_couverture_global: "58,0",
      jeunes_moins_25_ans: "12 072", enfants_aeeh: "260", centres_sociaux: "2", evs: "6"
    };
    expect(Object.fromEntries(Object.keys(attendus).map((id) => [id, affiche(l.get(id))]))).toEqual(attendus);
  });

  it("dérive les parts des deux nombres saisis : logements sociaux 11 % des résidences principales, RSA, prime d'activité, AAH", () => {
    expect(affiche(l.get("part_logements_sociaux"))).toBe("11,0 %");
    expect(l.get("part_rsa")!.valeur.valeur).toBeCloseTo((1220 / 9635) * 100, 10);
    expect(l.get("part_prime_activite")!.valeur.valeur).toBeCloseTo((3590 / 9635) * 100, 10);
    expect(l.get("part_aah")!.valeur.valeur).toBeCloseTo((1325 / 9635) * 100, 10);
  });

  it("laisse non disponible le chiffre illisible (aide au logement) au lieu de le deviner", () => {
    expect(l.get("aide_logement")!.valeur.valeur).toBeNull();
    expect(l.get("part_aide_logement")!.valeur.valeur).toBeNull();
  });
});

describe("diagnostic du Bassin de vie Carros (seed 002, juillet 2020)", () => {
  let ctx: ContexteDiagnostic;
  let l: Map<string, LigneDiagnostic>;
  beforeAll(() => {
    ctx = contexte("groupe:ctg-bassin-carros", "06");
    l = lignes(ctx);
  });

  it("compte 4 484 allocataires et 13 082 personnes couvertes fin 2018", () => {
    const personnes = calculer(indicateur("personnes_couvertes"), d.faits, ctx.communes, "2018", ctx.id);
    expect(personnes).toMatchObject({valeur: 13082, statut: "complet"});
    expect(calculer(indicateur("allocataires"), d.faits, ctx.communes, "2018", ctx.id).valeur).toBe(4484);
  });

  it("calcule la part des allocataires percevant la PAJE : 773 / 4 484", () => {
    const p = l.get("part_paje")!;
    expect(p.annee).toBe("2018");
    expect(p.valeur.valeur).toBeCloseTo((773 / 4484) * 100, 10);
  });

  it("somme les assistants maternels saisis commune par commune : 49 + 19 + 6 + 14 + 0 + 9 = 97", () => {
    const a = calculer(indicateur("assistants_maternels"), d.faits, ctx.communes, "2020", ctx.id);
    expect(a).toMatchObject({valeur: 97, statut: "complet", retenues: 6});
    const parCommune = Object.fromEntries(l.get("assistants_maternels")!.communes.map((c) => [d.ref.communes.get(c.code)!.nom, c.valeur]));
    expect(parCommune).toEqual({"Carros": 49, "Gattières": 19, "Gilette": 6, "La Gaude": 14, "Le Broc": 0, "Saint-Jeannet": 9});
  });

  it("compare le taux de couverture 2017 (61) au département (49,2) et à la France (58,9)", () => {
    const t = l.get("taux_couverture_global")!;
    expect([t.annee, t.valeur.valeur, t.departement?.valeur, t.france?.valeur]).toEqual(["2017", 61, 49.2, 58.9]);
  });

  it("donne à Saint-Jeannet son propre taux de couverture 2017, saisi pour la commune", () => {
    const c = contexte("commune:06122", "06");
    expect(calculer(indicateur("taux_couverture_global"), d.faits, c.communes, "2017", c.id).valeur).toBe(23.4);
  });
});
