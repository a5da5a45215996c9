// A minimal static server for dist/ (tests, bench, `npm start`), gzip-compressed like
// any production host, on 127.0.0.1 only. Framework's clean URLs: /methodologie → .html.
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {extname, join, normalize, resolve} from "node:path";
import {gzipSync} from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".csv": "text/csv", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2", ".topojson": "application/json"
};

async function fichier(racine: string, url: string): Promise<string | null> {
  const chemin = normalize(decodeURIComponent(new URL(url, "http://x").pathname));
  for (const candidat of [chemin, `${chemin}.html`, join(chemin, "index.html")]) {
    const absolu = join(racine, candidat);
    if (!absolu.startsWith(racine)) return null;
    const s = await stat(absolu).catch(() => null);
    if (s?.isFile()) return absolu;
  }
  return null;
}

export function servir(dossier: string, port = 0): Promise<{serveur: Server; url: string}> {
  const racine = resolve(dossier);
  const serveur = createServer(async (req, res) => {
    const chemin = await fichier(racine, req.url ?? "/");
    if (!chemin) {
      res.writeHead(404, {"content-type": "text/plain; charset=utf-8"}).end("Page introuvable");
      return;
    }
    const corps = await readFile(chemin);
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, {"content-type": TYPES[extname(chemin)] ?? "application/octet-stream", ...(gzip ? {"content-encoding": "gzip"} : {})});
    res.end(gzip ? gzipSync(corps) : corps);
  });
  return new Promise((ok) => serveur.listen(port, "127.0.0.1", () => {
    const a = serveur.address();
    ok({serveur, url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : port}`});
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dossier = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await servir(dossier, port);
  process.stderr.write(`Observatoire CTG servi sur ${url} (Ctrl+C pour arrêter)\n`);
}
