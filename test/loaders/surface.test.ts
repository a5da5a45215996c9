// Areas of contours (loaders/lib/surface.ts): known spherical areas, either winding, holes;
// and PAA's area from the real 2025 EPCI contour against its communes' and its diagnostic's.
import {describe, expect, it} from "vitest";
import {RAYON_TERRE_KM, surfaceKm2} from "../../loaders/lib/surface.js";
import {avecDonneesReelles, entrepotComplet, requete} from "../aides.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {lireFaits} from "../../entrepot/faits.js";
import {calculer} from "../../src/lib/diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";

// The octant between the equator and the meridians 0° and 90° E: one eighth of the sphere, πR²/2
// exactly (its edges are great circles, as d3 draws every edge).
const OCTANT = [[0, 0], [90, 0], [0, 90], [0, 0]];
const carre = (x: number, y: number, c = 1) => [[x, y], [x + c, y], [x + c, y + c], [x, y + c], [x, y]];
const aire = (coordinates: number[][][]) => surfaceKm2({type: "Polygon", coordinates});

describe("surface sphérique d'un contour", () => {
  it("un huitième de sphère : πR²/2 = 63 758 235 km², dans un sens comme dans l'autre", () => {
    expect(Math.round((Math.PI * RAYON_TERRE_KM ** 2) / 2)).toBe(63_758_235);
    expect(aire([OCTANT])).toBeCloseTo((Math.PI * RAYON_TERRE_KM ** 2) / 2, 3);
    expect(aire([[...OCTANT].reverse()])).toBeCloseTo((Math.PI * RAYON_TERRE_KM ** 2) / 2, 3);
  });

  it("un trou est retranché, les parties d'un multipolygone s'ajoutent, quel que soit leur sens", () => {
    // 1° × 1° at the equator: 12 364,0 km² (its top edge is a great circle, a little north of the parallel: 12 363,7 km² between parallels).
    expect(aire([carre(0, 0)])).toBeCloseTo(12364.03, 2);
    expect(aire([OCTANT, carre(10, 10)])).toBeCloseTo(aire([OCTANT]) - aire([carre(10, 10)]), 3);
    expect(surfaceKm2({type: "MultiPolygon", coordinates: [[carre(0, 0)], [carre(0, -1).reverse()]]})).toBeCloseTo(2 * aire([carre(0, 0)]), 6);
  });
});

describe.skipIf(!avecDonneesReelles())("surfaces des contours réels", () => {
  it("PAA : 1 598 km² par le contour 2025 de l'EPCI, la somme de ses 46 communes (IGN 2018) à 0,2 % près, 1 574 km² cités par son diagnostic (seed 000)", async () => {
    const [epci] = await requete<{s: number}>(entrepotComplet(), "SELECT surface_km2 AS s FROM contour_zone WHERE niveau = 'epci' AND code = '200067437'");
    const [communes] = await requete<{s: number; n: number}>(entrepotComplet(), "SELECT sum(surface_km2) AS s, count(*)::INTEGER AS n FROM contour_commune JOIN commune USING (code) WHERE epci = '200067437'");
    expect(Math.round(epci!.s)).toBe(1598);
    expect(communes!.n).toBe(46);
    expect(Math.abs(communes!.s / epci!.s - 1)).toBeLessThan(0.002);
    expect(Math.abs(epci!.s / 1574 - 1)).toBeLessThan(0.02);
  });

  it("densité de PAA : 49 137 habitants (millésime 2023) / 1 597,8 km² = 30,8 hab./km² (« 30 à 31 hab./km² », seed 000) ; Digne-les-Bains par son propre contour", async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    const ref = await lireReferentiel(conn);
    const paa = resoudreTerritoire(ref, "ctg-paa");
    const faits = await lireFaits(conn, paa.communes, ["densite"]);
    conn.closeSync();
    const densite = indicateur("densite");
    expect(calculer(densite, faits, paa.communes, "2023", [paa.id, ...equivalents(ref, paa)]).valeur).toBeCloseTo(49137 / 1597.83, 2);
    // The group of its 46 communes without the EPCI's contour: Σ of the communes' contours, within 0,2 %.
    expect(calculer(densite, faits, paa.communes, "2023", "groupe:autre")!.valeur! / (49137 / 1597.83)).toBeCloseTo(1, 2);
    // Digne-les-Bains: 17 979 inhabitants (2023) / 109,4 km² (IGN 2018 contour, simplified; 117 km² officially).
    expect(calculer(densite, faits, ["04070"], "2023", "commune:04070").valeur).toBeCloseTo(17979 / 109.42, 1);
  });
});
