// Two small DuckDB helpers the official-file loaders share.
import type {DuckDBConnection} from "@duckdb/node-api";

/** The first value of the first row, as a number (counts). */
export async function scalaire(conn: DuckDBConnection, sql: string): Promise<number> {
  const r = await conn.runAndReadAll(sql);
  return Number(r.getRows()[0]![0]);
}

/**
 * Runs a bulk INSERT without keeping the source's row order, which lets DuckDB write in
 * parallel (~25 % faster on the births, measured): the warehouse's tables have no order.
 * Returns the number of rows written.
 */
export async function insererEnVrac(conn: DuckDBConnection, sql: string): Promise<number> {
  // DuckDB answers an INSERT with the number of rows written.
  return sansOrdre(conn, async () => Number((await conn.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0));
}

/**
 * Runs `travail` with preserve_insertion_order off: a table whose rows have no order
 * (a temporary table later grouped or joined) is then written in parallel, without
 * gathering the rows back in order (a third of a CREATE TABLE AS over a join, measured).
 */
export async function sansOrdre<T>(conn: DuckDBConnection, travail: () => Promise<T>): Promise<T> {
  const ordre = (await conn.runAndReadAll("SELECT current_setting('preserve_insertion_order')::BOOLEAN")).getRows()[0]![0] as boolean;
  await conn.run("SET preserve_insertion_order = false");
  try {
    return await travail();
  } finally {
    await conn.run(`SET preserve_insertion_order = ${ordre}`);
  }
}
