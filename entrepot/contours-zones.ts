// EPCI and département contours (table contour_zone, loaders/contours-epci-departements.ts)
// as one TopoJSON topology per niveau, geometry ids = territory codes.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {GeometrieTopo, Topologie} from "../src/lib/topologie.js";

export type TopologiesZones = Partial<Record<"epci" | "departement", Topologie>>;

export async function lireTopologies(conn: DuckDBConnection): Promise<TopologiesZones> {
  const existe = (await conn.runAndReadAll("SELECT count(*)::INTEGER FROM information_schema.tables WHERE table_name = 'contour_zone'")).getRows();
  if (!existe[0]![0]) return {}; // a warehouse built before the table existed: rebuild with npm run data
  const topos = new Map<string, Pick<Topologie, "transform" | "arcs">>(((await conn.runAndReadAll("SELECT id, transform::VARCHAR, arcs::VARCHAR FROM topologie")).getRows() as [string, string, string][])
    .map(([id, transform, arcs]) => [id, {transform: JSON.parse(transform), arcs: JSON.parse(arcs)}]));
  const lignes = (await conn.runAndReadAll("SELECT niveau, code, topologie, geometrie::VARCHAR FROM contour_zone ORDER BY niveau, code")).getRows() as [string, string, string, string][];
  const out: TopologiesZones = {};
  for (const [niveau, code, id, geometrie] of lignes) {
    const t: Topologie = (out[niveau as "epci" | "departement"] ??= {type: "Topology", ...topos.get(id)!, objects: {[niveau]: {type: "GeometryCollection", geometries: []}}});
    t.objects[niveau]!.geometries.push({...(JSON.parse(geometrie) as GeometrieTopo), id: code});
  }
  return out;
}
