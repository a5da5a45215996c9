// A local stand-in for the official hosts, on 127.0.0.1, serving FIXTURE files:
// - data.caf.fr (Opendatasoft Explore v2.1): `FIXTURE_<id>.csv` as the dataset's CSV export,
//   `FIXTURE_<id>.records.json` (a plain list of records) paged like the records API
//   (limit ≤ 100, offset; `where=startswith(<champ>, "<préfixe>")` filters, the only ODSQL
//   the loaders send);
// - any other official path given in `fichiers` (INSEE archives, geo.api.gouv.fr): a fixture
//   served as is, or zipped on the fly under the member names of the official archive.
import {createServer, type Server} from "node:http";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {AddressInfo} from "node:net";
import {zipSync} from "fflate";

export interface ServeurOds {
  base: string;
  /** Every path requested, in order (to assert on pagination). */
  requetes: string[];
  fermer: () => Promise<void>;
}

/** What an official path serves: a fixture file as is, or a zip of fixture files (member name → fixture). */
export type FichierServi = {fichier: string; type?: string} | {zip: Record<string, string>};

export async function demarrerServeurOds(dossier: string, fichiers: Record<string, FichierServi> = {}): Promise<ServeurOds> {
  const requetes: string[] = [];
  const serveur: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requetes.push(url.pathname + url.search);
    const envoyer = (statut: number, type: string, corps: string | Uint8Array) => {
      res.writeHead(statut, {"content-type": type});
      res.end(corps);
    };
    const servi = fichiers[url.pathname];
    if (servi) {
      if ("zip" in servi) {
        return envoyer(200, "application/zip", zipSync(Object.fromEntries(Object.entries(servi.zip).map(([membre, f]) => [membre, new Uint8Array(readFileSync(join(dossier, f)))]))));
      }
      return envoyer(200, servi.type ?? "application/octet-stream", readFileSync(join(dossier, servi.fichier)));
    }
    const m = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([a-z0-9_]+)\/(exports\/csv|records)$/.exec(url.pathname);
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
    let tous = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>[];
    const where = url.searchParams.get("where");
    if (where) {
      const w = /^startswith\(([a-z0-9_]+), "([^"]*)"\)$/.exec(where);
      if (!w) return envoyer(400, "application/json", JSON.stringify({error_code: "ODSQLError", message: `where non pris en charge par le serveur de test : ${where}`}));
      tous = tous.filter((r) => String(r[w[1]!] ?? "").startsWith(w[2]!));
    }
    envoyer(200, "application/json", JSON.stringify({total_count: tous.length, results: tous.slice(offset, offset + limit)}));
  });
  await new Promise<void>((ok) => serveur.listen(0, "127.0.0.1", ok));
  const {port} = serveur.address() as AddressInfo;
  return {base: `http://127.0.0.1:${port}`, requetes, fermer: () => new Promise((ok) => serveur.close(() => ok()))};
}
