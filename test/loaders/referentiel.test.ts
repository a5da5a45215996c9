// The legal-population vintages of the referential package, and how we know which is which.
import {describe, expect, it} from "vitest";
import {createRequire} from "node:module";
import {PAQUETS} from "../../loaders/referentiel.js";
import {entrepotEmbarque, requete} from "../aides.js";

const require = createRequire(import.meta.url);
type C = {code: string; type: string; population?: number};
type E = {code: string; membres: {code: string; populationMunicipale: number; populationTotale: number}[]};

describe("millésimes des fichiers du référentiel", () => {
  it("les membres d'EPCI de la version 2026 portent le millésime 2022 : ils égalent communes.json de la version 4.1.0 (publication INSEE 8290591)", () => {
    const epci = require(`${PAQUETS["2026"]}/data/epci.json`) as E[];
    const communes2024 = new Map((require(`${PAQUETS["2024"]}/data/communes.json`) as C[]).filter((c) => c.type === "commune-actuelle").map((c) => [c.code, c.population]));
    const membres = epci.flatMap((e) => e.membres);
    const egaux = membres.filter((m) => communes2024.get(m.code) === m.populationMunicipale).length;
    expect(egaux / membres.length).toBeGreaterThan(0.998);
  });

  it("charge Digne-les-Bains sur chaque millésime", async () => {
    const rows = await requete(entrepotEmbarque(), "SELECT millesime, population_municipale AS pmun, population_totale AS ptot FROM population_legale WHERE commune = '04070' ORDER BY millesime");
    expect(rows).toEqual([
      {millesime: 2019, pmun: 16482, ptot: 17404},
      {millesime: 2020, pmun: 16864, ptot: 17804},
      {millesime: 2021, pmun: 17192, ptot: 18124},
      {millesime: 2022, pmun: 17694, ptot: 18547},
      {millesime: 2023, pmun: 17979, ptot: null}
    ]);
  });

  it("ramène les anciens millésimes sur la carte de 2026 et compte chaque entrée", async () => {
    const sources = await requete<{lignes_lues: number; lignes_chargees: number; lignes_rejetees: number; lignes_hors_champ: number}>(entrepotEmbarque(),
      "SELECT lignes_lues, lignes_chargees, lignes_rejetees, lignes_hors_champ FROM source");
    for (const s of sources) expect(s.lignes_lues).toBe(s.lignes_chargees + s.lignes_rejetees + s.lignes_hors_champ);
    const [r] = await requete<{n: number}>(entrepotEmbarque(), "SELECT count(*)::INTEGER AS n FROM population_legale WHERE millesime = 2019 AND recompose");
    expect(r!.n).toBeGreaterThan(0);
    const rejets = await requete<{valeur: string; motif: string}>(entrepotEmbarque(), "SELECT DISTINCT valeur, motif FROM rejet WHERE colonne = 'population' ORDER BY valeur");
    // The uninhabited TAAF districts and Clipperton have no population: reported, not invented.
    expect(rejets.map((r) => r.valeur)).toEqual(["98411", "98412", "98413", "98414", "98415", "98901"]);
  });
});
