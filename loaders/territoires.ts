// Custom CTG territories (data/territoires/*.json): validated with zod and against the
// referential. A bad file is refused with a French message naming the file and the
// offending code, and the whole load fails (the previous warehouse is kept): a warehouse
// without one of the territories would silently reject its entries and schéma rows.
// Files saved by a spreadsheet or an old editor (Windows-1252, UTF-16) are decoded.
import {readdirSync, readFileSync} from "node:fs";
import {basename, join} from "node:path";
import {z} from "zod";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Chargeur} from "./lib/chargeur.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {texteDecode} from "./lib/octets.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";

const CODE_COMMUNE = /^[0-9][0-9AB][0-9]{3}$/;

export const GroupeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "identifiant attendu en minuscules, chiffres et tirets"),
    nom: z.string().min(1),
    description: z.string().optional(),
    communes: z.array(z.string().regex(CODE_COMMUNE, "code commune INSEE attendu (5 caractères)")).default([]),
    epci: z.array(z.string().regex(/^\d{9}$/, "SIREN d'EPCI attendu (9 chiffres)")).default([]),
    autoritesOrganisatrices: z
      .array(z.object({epci: z.string().regex(/^\d{9}$/), nom: z.string().optional(), sauf: z.array(z.string().regex(CODE_COMMUNE)).optional()}).strict())
      .optional()
  })
  .strict();

export type GroupeFichier = z.infer<typeof GroupeSchema>;

export interface GroupeValide {
  id: string;
  nom: string;
  description?: string;
  communes: string[];
  autoritesOrganisatrices?: GroupeFichier["autoritesOrganisatrices"];
  fichier: string;
}

export interface Referentiels {
  communes: Set<string>;
  membres: Map<string, string[]>;
}

/** Validate one file's content; returns the group or the French reasons it is refused. */
export function validerGroupe(fichier: string, contenu: string, ref: Referentiels): {groupe?: GroupeValide; erreurs: string[]} {
  let brut: unknown;
  try {
    brut = JSON.parse(contenu);
  } catch (e) {
    return {erreurs: [`${fichier} : JSON mal formé (${(e as Error).message}).`]};
  }
  const r = GroupeSchema.safeParse(brut);
  if (!r.success) {
    return {erreurs: r.error.issues.map((i) => `${fichier} : champ « ${i.path.join(".") || "(racine)"} » : ${i.message}.`)};
  }
  const g = r.data;
  const erreurs: string[] = [];
  const vus = new Set<string>();
  for (const c of g.communes) {
    if (!ref.communes.has(c)) erreurs.push(`${fichier} : commune inconnue du référentiel 2026 : ${c}.`);
    if (vus.has(c)) erreurs.push(`${fichier} : commune en double : ${c}.`);
    vus.add(c);
  }
  for (const e of g.epci) {
    const membres = ref.membres.get(e);
    if (!membres) erreurs.push(`${fichier} : EPCI inconnu du référentiel 2026 : ${e}.`);
    for (const c of membres ?? []) {
      if (vus.has(c)) erreurs.push(`${fichier} : commune en double : ${c} (déjà listée, et membre de l'EPCI ${e}).`);
      vus.add(c);
    }
  }
  for (const ao of g.autoritesOrganisatrices ?? []) {
    const membres = ref.membres.get(ao.epci);
    if (!membres) erreurs.push(`${fichier} : autorité organisatrice : EPCI inconnu : ${ao.epci}.`);
    for (const c of ao.sauf ?? []) {
      if (!membres?.includes(c)) erreurs.push(`${fichier} : autorité organisatrice ${ao.epci} : la commune ${c} n'est pas membre de cet EPCI.`);
    }
  }
  if (vus.size === 0) erreurs.push(`${fichier} : le territoire « ${g.id} » ne contient aucune commune.`);
  if (erreurs.length) return {erreurs};
  return {groupe: {id: g.id, nom: g.nom, description: g.description, communes: [...vus].sort(), autoritesOrganisatrices: g.autoritesOrganisatrices, fichier}, erreurs};
}

export async function referentielsPourValidation(conn: DuckDBConnection): Promise<Referentiels> {
  const rows = (await conn.runAndReadAll("SELECT code, epci FROM commune")).getRowObjectsJS() as {code: string; epci: string | null}[];
  const membres = new Map<string, string[]>();
  for (const r of rows) if (r.epci) membres.set(r.epci, [...(membres.get(r.epci) ?? []), r.code]);
  return {communes: new Set(rows.map((r) => r.code)), membres};
}

export function chargeurTerritoires(dossier: string): Chargeur {
  return {
    id: "territoires",
    libelle: `Territoires CTG (${dossier})`,
    async charger(ctx) {
      const ref = await referentielsPourValidation(ctx.conn);
      const fichiers = readdirSync(dossier).filter((f) => f.endsWith(".json")).sort();
      const ids = new Set<string>();
      const refus: string[] = [];
      for (const nom of fichiers) {
        const chemin = join(dossier, nom);
        const fichier = `data/territoires/${basename(nom)}`;
        const {groupe, erreurs} = validerGroupe(fichier, texteDecode(readFileSync(chemin), fichier, "JSON").texte, ref);
        if (groupe && ids.has(groupe.id)) erreurs.push(`${fichier} : identifiant déjà utilisé par un autre fichier : ${groupe.id}.`);
        const rejets: Rejet[] = erreurs.map((motif) => ({fichier, ligne: null, colonne: null, valeur: null, motif}));
        for (const e of erreurs) ctx.log(`      refusé — ${e}`);
        refus.push(...erreurs);
        if (groupe && !erreurs.length) {
          ids.add(groupe.id);
          const {fichier: _f, ...definition} = groupe;
          await ctx.conn.run("INSERT INTO groupe VALUES ($id, $nom, $desc, $fichier, $def)", {
            id: groupe.id, nom: groupe.nom, desc: groupe.description ?? null, fichier, def: JSON.stringify(definition)
          });
        }
        await ctx.enregistrer(
          {id: fichier, editeur: "Observatoire CTG (saisie des analystes)", titre: groupe?.nom ?? nom, url: fichier, millesime: "—", fichier,
            sha256: sha256Fichier(chemin), lignesLues: 1, lignesChargees: erreurs.length ? 0 : 1, lignesRejetees: erreurs.length ? 1 : 0,
            note: erreurs.length ? erreurs.join(" ") : undefined},
          rejets.length ? rejets : []
        );
      }
      if (refus.length) {
        throw new ErreurChargement(`Territoire${refus.length > 1 ? "s" : ""} CTG refusé${refus.length > 1 ? "s" : ""} : ${refus.join(" ")} Corrigez le fichier (docs/territoires.md) ou retirez-le de data/territoires.`);
      }
    }
  };
}
