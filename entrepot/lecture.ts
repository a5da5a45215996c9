// Reads the warehouse back into the shapes the site and the CLI use
// (src/lib/referentiel.ts). Node only.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Commune, Groupe, Millesime, Populations, Referentiel} from "../src/lib/referentiel.js";
import type {SourceAffichee} from "../src/lib/sources.js";

async function lignes<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

export async function lireMillesimes(conn: DuckDBConnection): Promise<Millesime[]> {
  const rows = await lignes<{annee: number; ptot: boolean; sources: string[]}>(
    conn,
    `SELECT millesime AS annee, count(population_totale) > 0 AS ptot, list(DISTINCT source_id ORDER BY source_id) AS sources
     FROM population_legale GROUP BY millesime ORDER BY millesime`
  );
  return rows.map((r) => ({annee: r.annee, enVigueur: r.annee + 3, populationTotale: r.ptot, sources: r.sources}));
}

export async function lireReferentiel(conn: DuckDBConnection): Promise<Referentiel> {
  const communes = await lignes<Omit<Commune, "pop">>(conn, "SELECT code, nom, departement AS dep, region AS reg, epci FROM commune ORDER BY code");
  const pops = await lignes<{commune: string; millesime: number; pmun: number; ptot: number | null}>(
    conn,
    "SELECT commune, millesime, population_municipale AS pmun, population_totale AS ptot FROM population_legale"
  );
  const parCode = new Map<string, Commune>(communes.map((c) => [c.code, {...c, pop: {}}]));
  for (const p of pops) {
    const c = parCode.get(p.commune);
    if (c) c.pop![String(p.millesime)] = [p.pmun, p.ptot] as Populations;
  }
  const epci = await lignes<{code: string; nom: string; type: string}>(conn, "SELECT code, nom, type FROM epci ORDER BY code");
  const deps = await lignes<{code: string; nom: string; reg: string}>(conn, "SELECT code, nom, region AS reg FROM departement ORDER BY code");
  const regs = await lignes<{code: string; nom: string}>(conn, "SELECT code, nom FROM region ORDER BY code");
  const groupes = await lignes<{id: string; fichier: string; definition: string}>(conn, "SELECT id, fichier, definition::VARCHAR AS definition FROM groupe ORDER BY id");
  return {
    millesimes: await lireMillesimes(conn),
    communes: parCode,
    epci: new Map(epci.map((e) => [e.code, e])),
    departements: new Map(deps.map((d) => [d.code, d])),
    regions: new Map(regs.map((r) => [r.code, r])),
    groupes: new Map(groupes.map((g) => [g.id, {...(JSON.parse(g.definition) as Groupe), fichier: g.fichier}]))
  };
}


export async function lireSources(conn: DuckDBConnection): Promise<SourceAffichee[]> {
  return lignes<SourceAffichee>(conn, "SELECT * EXCLUDE (recupere_le), strftime(recupere_le, '%Y-%m-%d') AS recupere_le FROM source ORDER BY id");
}
