// 2025 EPCI and département contours (TopoJSON): FICTITIOUS topologies in the official layout,
// read with or without a byte-order mark, and hostile ones refused or rejected with their reason.
import {describe, expect, it} from "vitest";
import {chargeurContoursZones} from "../../loaders/contours-epci-departements.js";
import {requete} from "../aides.js";
import {bilanSource, BOM, construireAvec, dossierSources, rejetsSource} from "./aides-sources.js";

const DOSSIER = "contours-epci-departements-2025-metropole";
const F = `${DOSSIER}/nodom_departement_2025.topojson`;
/** Two départements drawn as squares of 0,1° sharing nothing; quantized (transform + delta-encoded arcs). */
const topologie = (geometries: unknown[]) => JSON.stringify({
  type: "Topology",
  transform: {scale: [0.001, 0.001], translate: [6, 44]},
  arcs: [[[0, 0], [100, 0], [0, 100], [-100, 0], [0, -100]], [[200, 0], [100, 0], [0, 100], [-100, 0], [0, -100]]],
  objects: {departements: {type: "GeometryCollection", geometries}}
});
const carre = (arc: number, code: string) => ({type: "Polygon", arcs: [[arc]], properties: {code_insee: code}});

describe("contours 2025 des départements (TopoJSON fictif)", () => {
  it("un fichier enregistré avec une marque d'ordre d'octets (BOM) se lit comme sans elle", async () => {
    const texte = topologie([carre(0, "04"), carre(1, "06")]);
    const sans = await construireAvec(chargeurContoursZones, dossierSources({[F]: texte}));
    const avec = await construireAvec(chargeurContoursZones, dossierSources({[F]: BOM + texte}));
    const lire = (cible: string) => requete<{code: string; surface: number}>(cible, "SELECT code, round(surface_km2, 3) AS surface FROM contour_zone ORDER BY code");
    const zones = await lire(avec.cible);
    expect(zones.map((z) => z.code)).toEqual(["04", "06"]);
    // A 0,1° square at 44° N: about 11,1 km × 8,0 km.
    expect(zones[0]!.surface).toBeGreaterThan(88);
    expect(zones[0]!.surface).toBeLessThan(90);
    expect(zones).toEqual(await lire(sans.cible));
    expect(await bilanSource(avec.cible, F)).toMatchObject({lues: 2, chargees: 2, rejetees: 0});
  });

  it("un arc absent, des coordonnées qui ne sont pas des nombres : la géométrie est rejetée avec sa raison, les autres chargées", async () => {
    const {cible} = await construireAvec(chargeurContoursZones, dossierSources({[F]: topologie([carre(0, "04"), carre(7, "06"), {type: "Polygon", arcs: [["a"]], properties: {code_insee: "05"}}])}));
    expect((await rejetsSource(cible, F)).map((r) => [r.ligne, r.valeur, r.motif])).toEqual([
      [2, "06", "indice d'arc absent de la topologie"],
      [3, null, "géométrie invalide : un Polygon ou un MultiPolygon aux indices d'arcs entiers, avec ses propriétés, est attendu"]
    ]);
    expect(await bilanSource(cible, F)).toMatchObject({lues: 3, chargees: 1, rejetees: 2});
  });

  it("un fichier tronqué est refusé en nommant le fichier", async () => {
    const texte = topologie([carre(0, "04")]);
    await expect(construireAvec(chargeurContoursZones, dossierSources({[F]: texte.slice(0, 80)}))).rejects.toThrow(`${F} : TopoJSON illisible (`);
  });
});
