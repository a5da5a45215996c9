import {existsSync, readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {feature} from "topojson-client";
import {arcsUtilises, detacher, extraire, simplifier, type Topologie} from "../../src/lib/topologie.js";

// Two squares side by side sharing arc 1 (x = 10), quantized units.
const carres: Topologie = {
  type: "Topology",
  transform: {scale: [1, 1], translate: [0, 0]},
  arcs: [
    [[10, 0], [-10, 0], [0, 10], [10, 0]],
    [[10, 10], [0, -10]],
    [[10, 10], [10, 0], [0, -5], [0, -5], [-10, 0]]
  ],
  objects: {o: {type: "GeometryCollection", geometries: [
    {type: "Polygon", arcs: [[0, 1]], id: "A"},
    {type: "Polygon", arcs: [[~1, 2]], id: "B"}
  ]}}
};
const coords = (t: Topologie) => (feature(t as never, Object.values(t.objects)[0] as never) as unknown as {features: {id: string; geometry: {coordinates: number[][][]}}[]}).features;

describe("topologie", () => {
  it("extraire keeps only the arcs of the chosen geometries, renumbered, and the same shapes", () => {
    const b = extraire(carres, {b: [carres.objects.o!.geometries[1]!]});
    expect(b.arcs).toHaveLength(2);
    expect(b.objects.b!.geometries[0]!.arcs).toEqual([[~0, 1]]);
    expect(coords(b)[0]!.geometry.coordinates).toEqual(coords(carres)[1]!.geometry.coordinates);
  });
  it("detacher makes each ring one arc with the same points", () => {
    const d = detacher(carres);
    expect(d.arcs).toHaveLength(2);
    expect(coords(d).map((f) => f.geometry.coordinates)).toEqual(coords(carres).map((f) => f.geometry.coordinates));
  });
  it("simplifier drops points within the tolerance and keeps a ring closed with at least four points", () => {
    const s = simplifier(detacher(carres), 1);
    const b = coords(s)[1]!.geometry.coordinates[0]!;
    expect(b).not.toContainEqual([20, 5]); // on the straight side x = 20
    expect(b[0]).toEqual(b.at(-1));
    expect(b.length).toBeGreaterThanOrEqual(4);
    expect(arcsUtilises(s.objects.o!.geometries[1]!)).toEqual([1]);
  });

  const fichier = resolve(import.meta.dirname, "../../../shared/data/contours-epci-departements-2025-metropole/nodom_epci_2025.topojson");
  it.skipIf(!existsSync(fichier))("2025 EPCI file: every geometry survives detaching and the national simplification (1 244 features, a quarter of the points)", () => {
    const t = JSON.parse(readFileSync(fichier, "utf8")) as Topologie;
    const avant = t.arcs.reduce((n, a) => n + a.length, 0);
    const s = simplifier(detacher(t), 150, 40);
    expect(coords(s)).toHaveLength(1244);
    expect(s.arcs.reduce((n, a) => n + a.length, 0)).toBeLessThan(avant / 4);
    expect(coords(s).filter((f) => !f.geometry.coordinates.length)).toEqual([]);
  });
});
