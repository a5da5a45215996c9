// A local stand-in for data.caf.fr (Opendatasoft Explore v2.1), on 127.0.0.1, serving
// FIXTURE files: `FIXTURE_<id>.csv` as the dataset's CSV export, `FIXTURE_<id>.records.json`
// (a plain list of records) paged like the records API (limit ≤ 100, offset).
import {createServer, type Server} from "node:http";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {AddressInfo} from "node:net";

export interface ServeurOds {
  base: string;
  /** Every path requested, in order (to assert on pagination). */
  requetes: string[];
  fermer: () => Promise<void>;
}

export async function demarrerServeurOds(dossier: string): Promise<ServeurOds> {
  const requetes: string[] = [];
  const serveur: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requetes.push(url.pathname + url.search);
    const m = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([a-z0-9_]+)\/(exports\/csv|records)$/.exec(url.pathname);
    const envoyer = (statut: number, type: string, corps: string) => {
      res.writeHead(statut, {"content-type": type});
      res.end(corps);
    };
    if (!m) return envoyer(404, "application/json", JSON.stringify({error_code: "NotFound"}));
    const [, id, route] = m;
    if (route === "exports/csv") {
      const f = join(dossier, `FIXTURE_${id}.csv`);
      return existsSync(f) ? envoyer(200, "text/csv; charset=utf-8", readFileSync(f, "utf8")) : envoyer(404, "application/json", "{}");
    }
    const f = join(dossier, `FIXTURE_${id}.records.json`);
    if (!existsSync(f)) return envoyer(404, "application/json", JSON.stringify({error_code: "DatasetNotFound"}));
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    if (limit > 100) return envoyer(400, "application/json", JSON.stringify({error_code: "InvalidRESTParameterError", message: "limit must be ≤ 100"}));
    const tous = JSON.parse(readFileSync(f, "utf8")) as unknown[];
    envoyer(200, "application/json", JSON.stringify({total_count: tous.length, results: tous.slice(offset, offset + limit)}));
  });
  await new Promise<void>((ok) => serveur.listen(0, "127.0.0.1", ok));
  const {port} = serveur.address() as AddressInfo;
  return {base: `http://127.0.0.1:${port}`, requetes, fermer: () => new Promise((ok) => serveur.close(() => ok()))};
}
