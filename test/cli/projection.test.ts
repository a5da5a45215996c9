// `npm run ctg -- projection`, run as a user runs it: the CTG PAA schéma against births of
// the real files (../shared/data), output on stdout, French errors on stderr, exit codes.
import {spawnSync} from "node:child_process";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {avecDonneesReelles, entrepotComplet, entrepotEmbarque} from "../aides.js";

const RACINE = resolve(import.meta.dirname, "../..");
function ctg(entrepot: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/ctg.ts", ...args, "--entrepot", entrepot], {cwd: RACINE, encoding: "utf8"});
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

// Σ of the place modes of the four AO tables of the seed (PAA 189/200 + 20 + 8 + 225;
// Château-Arnoux 25 + 12 + 41; Les Mées 28 + 19; Peyruis 21 + 8 + 12).
const PLACES_SEED = [608, 619, 619, 619, 619];

interface Annee {annee: number; placesSchema: number | null; placesHorsSchema: number; tauxCouverture: number | null; enfantsMoins3Ans: number | null; ecart: number | null;
  horizon: number | null; enfantsBas: number | null; enfantsHaut: number | null; tauxBas: number | null}

// Each call builds the calibration and its validation from the warehouse: slower than the 30 s default on a loaded machine.
describe.skipIf(!avecDonneesReelles())("npm run ctg -- projection (fichiers réels)", {timeout: 90_000}, () => {
  it("CTG PAA en JSON : 2026 à 2030, places prévues = sommes des tableaux saisis, taux projeté", () => {
    const r = ctg(entrepotComplet(), "projection", "ctg-paa", "--json");
    expect(r.stderr).toBe("Attention : Taux de couverture de la France non disponible dans les données chargées : choisissez une autre cible.\n");
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.territoire).toMatchObject({id: "groupe:ctg-paa", nom: "CTG Provence Alpes Agglomération"});
    expect(p.parametres).toMatchObject({scenario: "tendance", annees: 5, cible: "france"});
    // No benchmark borrowed from another diagnostic: the 58,9 (2017) the Carros diagnostic quotes for France
    // is no default for PAA; the loaded files hold no France rate, so the user is asked for a target.
    expect(p.cible).toBeNull();
    expect(p.cibleManquante).toBe("Taux de couverture de la France non disponible dans les données chargées : choisissez une autre cible.");
    expect(p.zones.map((z: {code: string}) => z.code)).toEqual(["ensemble", "200067437", "04049", "04116", "04149"]);
    const annees: Annee[] = p.zones[0].annees;
    expect(annees.map((a) => a.annee)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(annees.map((a) => a.placesSchema)).toEqual(PLACES_SEED);
    // The band in the JSON: 4 years after the Cnaf's 2022 file in 2026, wider (relative to the estimate) every year.
    expect(annees.map((a) => a.horizon)).toEqual([4, 5, 6, 7, 8]);
    const relative = annees.map((a) => (a.enfantsHaut! - a.enfantsBas!) / a.enfantsMoins3Ans!);
    for (let k = 1; k < relative.length; k++) expect(relative[k]!).toBeGreaterThan(relative[k - 1]!);
    expect(p.zones[0].methode).toContain("45 communes : le modèle ajusté sur les communes publiées");
    for (const a of annees) {
      expect(a.enfantsMoins3Ans).toBeGreaterThan(900);
      expect(a.tauxBas!).toBeCloseTo(((a.placesSchema! + a.placesHorsSchema) / a.enfantsHaut!) * 100, 9);
      expect(a.tauxCouverture).toBeCloseTo(((a.placesSchema! + a.placesHorsSchema) / a.enfantsMoins3Ans!) * 100, 9);
      expect(a.ecart).toBeNull();
    }
    expect(p.schema[0]).toMatchObject({ao: "200067437", typeAo: "epci"});
  });

  it("options du scénario, sortie CSV française", () => {
    const r = ctg(entrepotComplet(), "projection", "ctg-paa", "--scenario", "variation", "--variation", "-2", "--cible", "60", "--sans-hors-schema", "--csv");
    expect(r.code).toBe(0);
    const lignes = r.stdout.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lignes[0]).toMatch(/^Autorité organisatrice;Code;Année;Naissances;Naissances projetées;Enfants de moins de 3 ans projetés;Enfants : bas de la fourchette \(P10–P90 de l'erreur\);Enfants : haut de la fourchette;Places prévues au schéma;Places hors schéma;Taux de couverture projeté;Taux projeté : bas de la fourchette;Taux projeté : haut de la fourchette;Taux cible;/);
    expect(lignes[1]).toMatch(/^Ensemble des autorités organisatrices;ensemble;2026;[\d,]+;oui;\d+;\d+;\d+;608;0;[\d,]+;[\d,]+;[\d,]+;60;/);
    expect(lignes[1]).toContain("Naissances : en baisse de 2 % par an");
    expect(lignes).toHaveLength(1 + 5 * 5);
  });
});

describe("npm run ctg -- projection : erreurs", () => {
  it("un scénario inconnu : erreur en français sur stderr, code de sortie 1", () => {
    const r = ctg(entrepotEmbarque(), "projection", "ctg-paa", "--scenario", "optimiste", "--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("Erreur : Scénario inconnu : « optimiste ». Attendu : tendance, stable, variation.\n");
  });

  it("une cible demandée mais absente des données chargées", () => {
    const r = ctg(entrepotEmbarque(), "projection", "ctg-paa", "--cible", "departement", "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Erreur : Taux de couverture du département non disponible dans les données chargées : choisissez une autre cible.\n");
  });
});
