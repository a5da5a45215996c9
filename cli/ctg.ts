// Analysts' command line: npm run ctg -- <commande> … (see docs/cli.md).
// Output on stdout (JSON or CSV), messages and errors on stderr, exit code 1 on error.
import {parseArgs} from "node:util";
import {resolve} from "node:path";
import {ouvrir} from "../loaders/lib/warehouse.js";
import {lireReferentiel} from "../loaders/lecture.js";
import {groupeAdHoc, resoudreTerritoire} from "../src/components/territoire.js";
import {ficheTerritoire} from "../src/components/fiche.js";
import {versCsv} from "../src/components/csv.js";
import {colonnesCommunes} from "../src/components/exports-territoire.js";

const AIDE = `Usage :
  npm run ctg -- territoire <id|code> [--json|--csv] [--millesime AAAA] [--millesime-ao AAAA]
  npm run ctg -- territoire --communes 04070,04049,… [--nom "Mon groupe"] [--json|--csv]

<id|code> : code INSEE de commune (04070), SIREN d'EPCI (200067437), code de département (04)
ou de région (reg:93), « france », ou identifiant d'un territoire CTG (ctg-paa).
Options communes : --entrepot <fichier.duckdb> (défaut : data/warehouse.duckdb).`;

async function territoire(args: string[]) {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: {type: "boolean", default: false},
      csv: {type: "boolean", default: false},
      communes: {type: "string"},
      nom: {type: "string"},
      millesime: {type: "string"},
      "millesime-ao": {type: "string"},
      entrepot: {type: "string", default: resolve(import.meta.dirname, "../data/warehouse.duckdb")}
    }
  });
  if (!values.communes && positionals.length !== 1) throw new Error(`Indiquez un territoire.\n\n${AIDE}`);
  const conn = await ouvrir(values.entrepot!);
  const ref = await lireReferentiel(conn);
  conn.closeSync();
  const t = values.communes ? groupeAdHoc(ref, values.communes.split(","), values.nom) : resoudreTerritoire(ref, positionals[0]!);
  const annee = (s?: string) => (s == null ? undefined : Number(s));
  const fiche = ficheTerritoire(ref, t, {millesime: annee(values.millesime), millesimeAO: annee(values["millesime-ao"])});
  if (values.csv) process.stdout.write(versCsv(colonnesCommunes(fiche), fiche.communes));
  else process.stdout.write(JSON.stringify(fiche, null, 2) + "\n");
}

const COMMANDES: Record<string, (args: string[]) => Promise<void>> = {territoire};

async function main() {
  const [commande, ...args] = process.argv.slice(2);
  const f = commande ? COMMANDES[commande] : undefined;
  if (!f) throw new Error(commande ? `Commande inconnue : ${commande}.\n\n${AIDE}` : AIDE);
  await f(args);
}

main().catch((e: Error) => {
  process.stderr.write(`Erreur : ${e.message}\n`);
  process.exit(1);
});
