// Reads the analysts' texts (table texte_analyste, loaders/saisies-textes.ts) for the site and the CLI.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Bloc, Rubrique, SectionTexte, TexteSection} from "../src/lib/textes-analystes.js";

export async function lireTextesAnalystes(conn: DuckDBConnection): Promise<TexteSection[]> {
  const r = await conn.runAndReadAll("SELECT territoire, section, rubrique, blocs::VARCHAR AS blocs, auteur, date, source, fichier FROM texte_analyste ORDER BY territoire, section, rubrique");
  return r.getRowObjectsJS().map((x) => ({
    territoire: String(x.territoire), section: x.section as SectionTexte, rubrique: x.rubrique as Rubrique, blocs: JSON.parse(String(x.blocs)) as Bloc[],
    auteur: String(x.auteur), date: String(x.date), source: String(x.source), fichier: String(x.fichier)
  }));
}
