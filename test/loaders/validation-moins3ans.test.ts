// The calibrated under-3 estimator validated out of sample on the real files (Cnaf 2017–2022,
// INSEE births 2008–2024), with issue 15's targets as assertions. Two targets are not met by
// the estimator the site uses: their tests are marked `fails` and state the measured value, so
// that the day a method meets them the suite says so and the marks come off. The candidate
// model measured beside it (modele-moins3ans.ts) meets the three-year target, not the
// leave-one-out one.
import {describe, expect, it} from "vitest";
import {ouvrirEntrepot as ouvrir} from "../../entrepot/connexion.js";
import {lireCalibration, validationMoins3Ans} from "../../entrepot/moins3ans.js";
import {CIBLES_VALIDATION, type ResultatValidation} from "../../src/lib/validation-moins3ans.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

const actif = avecDonneesReelles();
if (!actif) console.warn("validation-moins3ans : validation sur fichiers réels sautée (../shared/data absent).");

describe.skipIf(!actif)("estimation calibrée des moins de 3 ans, hors échantillon, fichiers réels 2017–2022", async () => {
  let v: ResultatValidation;
  let calibration: Awaited<ReturnType<typeof lireCalibration>>;
  if (actif) {
    const conn = await ouvrir(entrepotComplet());
    try {
      v = await validationMoins3Ans(conn);
      calibration = await lireCalibration(conn);
    } finally {
      conn.closeSync();
    }
  }
  const h = (k: number) => v.horizons.find((d) => d.horizon === k)!;

  it("compare toutes les paires commune × année ; naissances brutes : écart absolu médian 8,0 %", () => {
    expect(v.annees).toEqual([2017, 2022]);
    expect(v.brut.n).toBe(6191);
    expect(v.brut.medianeAbsolue!).toBeCloseTo(7.98, 1);
    expect(h(1).n).toBeGreaterThan(5000);
    expect(h(3).n).toBeGreaterThan(3000);
  });
  it(`un an après : écart absolu médian ≤ ${CIBLES_VALIDATION.unAn.medianeAbsolue} % et 90e centile ≤ ${CIBLES_VALIDATION.unAn.p90Absolu} %`, () => {
    // Measured: 3,45 % and 9,85 % (5 147 pairs); 5,8 % / 4,1 % / 2,5 % by size class.
    expect(h(1).medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.unAn.medianeAbsolue);
    expect(h(1).p90Absolu!).toBeLessThanOrEqual(CIBLES_VALIDATION.unAn.p90Absolu);
    expect(h(1).parTaille.map((t) => t.medianeAbsolue!)).toEqual([expect.closeTo(5.76, 1), expect.closeTo(4.13, 1), expect.closeTo(2.49, 1)]);
  });
  // Measured 6,37 % (3 070 pairs): the ratio moves like a random walk, √3 × the one-year error.
  it.fails(`trois ans après : écart absolu médian ≤ ${CIBLES_VALIDATION.troisAns.medianeAbsolue} % (non atteint : 6,4 %)`, () => {
    expect(h(3).medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.troisAns.medianeAbsolue);
  });
  it("trois ans après : mieux que les naissances brutes (6,4 % contre 8,0 %)", () => {
    expect(h(3).medianeAbsolue!).toBeCloseTo(6.37, 1);
    expect(h(3).medianeAbsolue!).toBeLessThan(v.brut.medianeAbsolue!);
  });
  // Measured 7,56 % with the size-class pool (5 164 pairs), 7,8 % France, 8,1 % département, 8,6 % EPCI.
  it.fails(`communes jamais publiées : écart absolu médian ≤ ${CIBLES_VALIDATION.sansPublication.medianeAbsolue} % (non atteint : 7,6 %)`, () => {
    expect(v.sansPublication[0]!.medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.sansPublication.medianeAbsolue);
  });
  it("communes jamais publiées : le regroupement retenu (classe de taille) est le meilleur des regroupements comparés", () => {
    expect(v.sansPublication[0]!.pool).toBe("taille > france");
    expect(v.sansPublication[0]!.medianeAbsolue!).toBeCloseTo(7.58, 1);
    for (const p of v.sansPublication.slice(1)) expect(p.medianeAbsolue!).toBeGreaterThan(v.sansPublication[0]!.medianeAbsolue!);
  });
  // The candidate model (modele-moins3ans.ts): births' three-year change and département, each commune's own
  // deviation fading by a persistence fitted on consecutive years; strictly out of sample. Not used by the site yet.
  const c = (k: number) => v.candidat.horizons.find((d) => d.horizon === k)!;
  it(`modèle à l'essai : un an après 2,9 % et 8,4 %, trois ans après 5,3 % ≤ ${CIBLES_VALIDATION.troisAns.medianeAbsolue} % (cible atteinte)`, () => {
    expect(c(1).n).toBe(h(1).n);
    expect(c(1).medianeAbsolue!).toBeCloseTo(2.95, 1);
    expect(c(1).p90Absolu!).toBeCloseTo(8.4, 1);
    expect(c(3).n).toBe(h(3).n);
    expect(c(3).medianeAbsolue!).toBeCloseTo(5.27, 1);
    expect(c(3).medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.troisAns.medianeAbsolue);
  });
  it("modèle à l'essai : communes jamais publiées 6,6 %, mieux que la classe de taille (7,6 %)", () => {
    expect(v.candidat.sansPublication.medianeAbsolue!).toBeCloseTo(6.63, 1);
    expect(v.candidat.sansPublication.medianeAbsolue!).toBeLessThan(v.sansPublication[0]!.medianeAbsolue!);
  });
  it.fails(`modèle à l'essai : communes jamais publiées ≤ ${CIBLES_VALIDATION.sansPublication.medianeAbsolue} % (non atteint : 6,6 %)`, () => {
    expect(v.candidat.sansPublication.medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.sansPublication.medianeAbsolue);
  });
  it("le site : Digne-les-Bains par son propre rapport 2022, une petite commune voisine par sa classe de taille", () => {
    // Digne 2022: 247 places / 62,8 × 100 = 393,3 children; births 2020–2022 → factor = 393,3 / Σ births.
    expect(calibration.get("04070")).toMatchObject({methode: "commune", annee: 2022, communes: 1});
    expect(calibration.get("04070")!.facteur).toBeGreaterThan(0.8);
    expect(calibration.get("04001")).toMatchObject({methode: "taille", annee: 2022});
  });
});
