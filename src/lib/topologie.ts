// Quantized TopoJSON cut to what a page draws: the geometries of one région (or all of
// France), only the arcs they use, and lighter arcs for the national map. Done at build
// time (src/data/fichiers.ts: cartes/) without topojson-server: a quantized topology's arcs are
// independent delta-encoded lines, so keeping some of them, or dropping points inside
// one (its two ends stay, so neighbours still share the same border), keeps the topology.

export interface GeometrieTopo {
  type: "Polygon" | "MultiPolygon";
  /** Polygon: rings of arc indices; MultiPolygon: polygons of rings. ~i is arc i reversed. */
  arcs: number[][] | number[][][];
  id?: string;
  properties?: Record<string, string>;
}

export interface Topologie {
  type: "Topology";
  transform: {scale: [number, number]; translate: [number, number]};
  arcs: [number, number][][];
  objects: Record<string, {type: "GeometryCollection"; geometries: GeometrieTopo[]}>;
}

const anneaux = (g: GeometrieTopo): number[][] => (g.type === "Polygon" ? (g.arcs as number[][]) : (g.arcs as number[][][]).flat());
const indice = (a: number): number => (a < 0 ? ~a : a);

/** Absolute quantized points of a delta-encoded arc. */
export function decoder(arc: [number, number][]): [number, number][] {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]): [number, number] => [(x += dx), (y += dy)]);
}

/** Delta encoding of absolute quantized points. */
function encoder(points: [number, number][]): [number, number][] {
  let px = 0;
  let py = 0;
  return points.map(([x, y]): [number, number] => {
    const d: [number, number] = [x - px, y - py];
    [px, py] = [x, y];
    return d;
  });
}

/** Arc indices a geometry uses (each once), for validation and subsetting. */
export function arcsUtilises(g: GeometrieTopo): number[] {
  return [...new Set(anneaux(g).flat().map(indice))];
}

/** A topology holding only `objets` and the arcs they use, renumbered in order of first use. */
export function extraire(topo: Topologie, objets: Record<string, GeometrieTopo[]>): Topologie {
  const nouveau = new Map<number, number>();
  const arcs: [number, number][][] = [];
  const renumeroter = (a: number): number => {
    const i = indice(a);
    if (!nouveau.has(i)) {
      nouveau.set(i, arcs.length);
      arcs.push(topo.arcs[i]!);
    }
    const n = nouveau.get(i)!;
    return a < 0 ? ~n : n;
  };
  const copier = (g: GeometrieTopo): GeometrieTopo => ({
    ...g,
    arcs: g.type === "Polygon" ? (g.arcs as number[][]).map((r) => r.map(renumeroter)) : (g.arcs as number[][][]).map((p) => p.map((r) => r.map(renumeroter)))
  });
  const objects = Object.fromEntries(Object.entries(objets).map(([nom, gs]) => [nom, {type: "GeometryCollection" as const, geometries: gs.map(copier)}]));
  return {type: "Topology", transform: topo.transform, arcs, objects};
}

/**
 * Every ring as one arc of its own. In the 2025 EPCI file neighbours share few borders (a
 * shared arc alternates with two-point slivers only one side uses), so most arcs are two
 * points long and no simplification can shorten them; as whole rings, they can. Borders are
 * then drawn once per side: at the scale of a national map the two lines coincide.
 */
export function detacher(topo: Topologie): Topologie {
  const absolus = topo.arcs.map(decoder);
  const arcs: [number, number][][] = [];
  const anneau = (r: number[]): number[] => {
    const pts = r.flatMap((a, i) => {
      const p = a < 0 ? [...absolus[~a]!].reverse() : absolus[a]!;
      return i === 0 ? p : p.slice(1);
    });
    arcs.push(encoder(pts));
    return [arcs.length - 1];
  };
  const objects = Object.fromEntries(Object.entries(topo.objects).map(([nom, o]) => [nom, {
    type: "GeometryCollection" as const,
    geometries: o.geometries.map((g) => ({...g, arcs: g.type === "Polygon" ? (g.arcs as number[][]).map(anneau) : (g.arcs as number[][][]).map((p) => p.map(anneau))}))
  }]));
  return {...topo, arcs, objects};
}

/** Squared distance from p to segment ab, in quantized units. */
function distance2(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = dx * dx + dy * dy;
  const t = l ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l)) : 0;
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker over absolute points; the ends are always kept. */
function douglasPeucker(points: [number, number][], tolerance: number): boolean[] {
  const garder = points.map((_, i) => i === 0 || i === points.length - 1);
  const pile: [number, number][] = [[0, points.length - 1]];
  const t2 = tolerance * tolerance;
  while (pile.length) {
    const [debut, fin] = pile.pop()!;
    let max = -1;
    let im = -1;
    for (let i = debut + 1; i < fin; i++) {
      const d = distance2(points[i]!, points[debut]!, points[fin]!);
      if (d > max) [max, im] = [d, i];
    }
    if (im >= 0 && max > t2) {
      garder[im] = true;
      pile.push([debut, im], [im, fin]);
    }
  }
  return garder;
}

/**
 * Lighter arcs: Douglas–Peucker at `tolerance` (in quantized units of the source grid), then
 * a grid `facteur` times coarser. A closed arc (an island, a border drawn as one loop) keeps
 * at least four points so that it stays a ring.
 */
export function simplifier(topo: Topologie, tolerance: number, facteur = 1): Topologie {
  const arcs = topo.arcs.map((arc) => {
    const absolus = decoder(arc);
    const ferme = absolus.length > 3 && absolus[0]![0] === absolus.at(-1)![0] && absolus[0]![1] === absolus.at(-1)![1];
    const garder = douglasPeucker(absolus, tolerance);
    if (ferme) {
      // The two points farthest along the loop keep an island from collapsing to a line.
      const tiers = Math.floor(absolus.length / 3);
      garder[tiers] = garder[2 * tiers] = true;
    }
    const retenus = absolus.filter((_, i) => garder[i]).map(([a, b]): [number, number] => [Math.round(a / facteur), Math.round(b / facteur)]);
    const uniques = retenus.filter((p, i) => i === 0 || i === retenus.length - 1 || p[0] !== retenus[i - 1]![0] || p[1] !== retenus[i - 1]![1]);
    return encoder(uniques);
  });
  const {scale, translate} = topo.transform;
  return {...topo, transform: {scale: [scale[0] * facteur, scale[1] * facteur], translate}, arcs};
}
