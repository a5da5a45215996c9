// Reads the warehouse back into the shapes the site and the CLI use
// (src/lib/referentiel.ts). Node only.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {CodeRattache, Commune, Groupe, Millesime, Referentiel, TransfertAO} from "../src/lib/referentiel.js";
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
  // Every commune with its populations as one JSON text: 35 000 communes × 5 millésimes read as rows took seconds.
  const [[json]] = (await conn.runAndReadAll(`
    SELECT json_group_array(json_object('code', c.code, 'nom', c.nom, 'dep', c.departement, 'reg', c.region, 'epci', c.epci, 'pop', coalesce(p.pop, '{}'::JSON)))::VARCHAR
    FROM commune c LEFT JOIN (SELECT commune, json_group_object(millesime::VARCHAR, json_array(population_municipale, population_totale)) AS pop
      FROM population_legale GROUP BY commune) p ON p.commune = c.code`)).getRows() as [[string]];
  const parCode = new Map<string, Commune>((JSON.parse(json) as Commune[]).sort((a, b) => (a.code < b.code ? -1 : 1)).map((c) => [c.code, c]));
  const epci = await lignes<{code: string; nom: string; type: string}>(conn, "SELECT code, nom, type FROM epci ORDER BY code");
  const deps = await lignes<{code: string; nom: string; reg: string}>(conn, "SELECT code, nom, region AS reg FROM departement ORDER BY code");
  const regs = await lignes<{code: string; nom: string}>(conn, "SELECT code, nom FROM region ORDER BY code");
  const groupes = await lignes<{id: string; fichier: string; definition: string}>(conn, "SELECT id, fichier, definition::VARCHAR AS definition FROM groupe ORDER BY id");
  const rattaches = await lignes<CodeRattache>(conn, `SELECT a.code, any_value(a.commune) AS commune, any_value(a.nom) AS nom,
      any_value(a.commune) IN ('75056', '69123', '13055') AS arrondissement
    FROM commune_ancienne a ANTI JOIN commune c ON c.code = a.code GROUP BY a.code HAVING count(DISTINCT a.commune) = 1 ORDER BY a.code`);
  return {
    millesimes: await lireMillesimes(conn),
    rattaches: new Map(rattaches.map((r) => [r.code, r])),
    transfertsAO: await lignes<TransfertAO>(conn, `SELECT epci, nom, sauf, strftime(en_vigueur, '%Y-%m-%d') AS "enVigueur", source FROM competence_ao ORDER BY epci`),
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
