// Area of a contour, for the population density (src/lib/indicateurs.ts, « densite »): the
// spherical area of the WGS84 polygon (d3.geoArea, in steradians) × R², R = 6 371,0088 km
// (the mean Earth radius of IUGG/WGS84). The contours loaded are simplified for maps, so the
// area is close to, not equal to, the cadastral surface (PAA: see test/loaders/surface.test.ts).
import {geoArea} from "d3";
import type {MultiPolygon, Polygon, Position} from "geojson";

/** Mean Earth radius (km), IUGG. */
export const RAYON_TERRE_KM = 6371.0088;

/**
 * d3 reads a ring's winding as which side is inside (clockwise = the small side), while GeoJSON
 * (RFC 7946) winds outer rings counter-clockwise and files of either habit exist: each ring is
 * measured alone and taken on its small side (no commune spans a hemisphere), then holes are
 * subtracted from their outer ring.
 */
function anneau(r: Position[]): number {
  const a = geoArea({type: "Polygon", coordinates: [r]});
  return Math.min(a, 4 * Math.PI - a);
}

export function surfaceKm2(g: Polygon | MultiPolygon): number {
  const polygones = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const steradians = polygones.reduce((s, [exterieur, ...trous]) => s + anneau(exterieur!) - trous.reduce((t, r) => t + anneau(r), 0), 0);
  return steradians * RAYON_TERRE_KM ** 2;
}
