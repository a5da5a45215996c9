// Opendatasoft Explore API v2.1 (data.caf.fr): pages through a dataset's `records`
// endpoint (at most 100 records a page) and writes them as the CSV the `exports/csv`
// endpoint would have given (`;`, field names as headers), so that one loader reads
// both. Used by `--refresh` where the export endpoint is blocked or times out.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {z} from "zod";
import {ErreurChargement} from "./warehouse.js";

/** The records endpoint refuses offset + limit beyond this: larger datasets need the export. */
export const LIMITE_RECORDS = 10_000;

const PageRecords = z.object({
  total_count: z.number().int().nonnegative(),
  results: z.array(z.record(z.string(), z.unknown()))
});

export type Enregistrement = Record<string, unknown>;

export interface OptionsRecords {
  /** Records per page (API maximum: 100). */
  parPage?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  delaiMs?: number;
}

/** `https://data.caf.fr/api/explore/v2.1/catalog/datasets/<id>/records`, with optional extra query parameters. */
export function urlRecords(base: string, dataset: string, parametres: Record<string, string> = {}): string {
  const u = new URL(`${base.replace(/\/$/, "")}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset)}/records`);
  for (const [k, v] of Object.entries(parametres)) u.searchParams.set(k, v);
  return u.toString();
}

/** Every record of the endpoint, page after page; checks that the count announced is the count received. */
export async function lireRecords(url: string, o: OptionsRecords = {}): Promise<{enregistrements: Enregistrement[]; pages: number; total: number}> {
  const parPage = o.parPage ?? 100;
  const f = o.fetch ?? fetch;
  const enregistrements: Enregistrement[] = [];
  let total: number | null = null;
  let pages = 0;
  for (let offset = 0; total == null || offset < total; offset += parPage) {
    const u = new URL(url);
    u.searchParams.set("limit", String(parPage));
    u.searchParams.set("offset", String(offset));
    const reponse = await f(u, {signal: AbortSignal.timeout(o.delaiMs ?? 30_000)});
    if (!reponse.ok) throw new ErreurChargement(`API Opendatasoft : HTTP ${reponse.status} pour ${u}.`);
    const page = PageRecords.safeParse(await reponse.json());
    if (!page.success) throw new ErreurChargement(`API Opendatasoft : réponse inattendue pour ${u} (ni total_count ni results).`, page.error.message);
    pages++;
    if (total == null) {
      total = page.data.total_count;
      if (total > LIMITE_RECORDS) {
        throw new ErreurChargement(`API Opendatasoft : ${total} enregistrements, au-delà des ${LIMITE_RECORDS} que l'API records sait paginer : utilisez l'export CSV.`);
      }
    } else if (page.data.total_count !== total) {
      throw new ErreurChargement(`API Opendatasoft : le jeu a changé pendant la lecture (${total} puis ${page.data.total_count} enregistrements) : relancez.`);
    }
    if (page.data.results.length === 0) break;
    enregistrements.push(...page.data.results);
  }
  if (enregistrements.length !== total) {
    throw new ErreurChargement(`API Opendatasoft : ${enregistrements.length} enregistrements reçus, ${total} annoncés (${url}).`);
  }
  return {enregistrements, pages, total: total ?? 0};
}

function cellule(v: unknown): string {
  if (v == null) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records as a `;` CSV; columns in first-seen order over all records (a field may be absent from some). */
export function enregistrementsVersCsv(enregistrements: readonly Enregistrement[]): string {
  const champs: string[] = [];
  const vus = new Set<string>();
  for (const e of enregistrements) for (const k of Object.keys(e)) if (!vus.has(k)) (vus.add(k), champs.push(k));
  const lignes = [champs.join(";"), ...enregistrements.map((e) => champs.map((c) => cellule(e[c])).join(";"))];
  return lignes.join("\n") + "\n";
}

/** Pages through a dataset and writes it as CSV at `cible`. Returns the number of records. */
export async function telechargerRecords(url: string, cible: string, o: OptionsRecords = {}): Promise<{total: number; pages: number}> {
  const {enregistrements, pages, total} = await lireRecords(url, o);
  mkdirSync(dirname(cible), {recursive: true});
  writeFileSync(cible, enregistrementsVersCsv(enregistrements));
  return {total, pages};
}
