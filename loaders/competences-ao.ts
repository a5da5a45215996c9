// Transfers of the competence of autorité organisatrice de l'accueil du jeune enfant to an
// EPCI (data/competences-ao/<siren>.json): which member communes transferred it (all but
// `sauf`), since when, on what source. They are facts about the EPCI and its communes, not
// about a CTG file: the EPCI, a CTG with its communes, a département or an ad-hoc group
// containing them all read the same table (src/components/territoire.ts tableauAO).
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {z} from "zod";
import type {Chargeur} from "./lib/chargeur.js";
import {sha256Fichier} from "./lib/source.js";
import {texteDecode} from "./lib/octets.js";
import {referentielsPourValidation} from "./territoires.js";

const TransfertSchema = z.object({
  epci: z.string().regex(/^\d{9}$/, "SIREN d'EPCI attendu (9 chiffres)"),
  nom: z.string().min(1).optional(),
  sauf: z.array(z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, "code commune INSEE attendu (5 caractères)")).default([]),
  enVigueur: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ attendue"),
  source: z.string().min(1)
}).strict();

export function chargeurCompetencesAO(dossier: string): Chargeur {
  return {
    id: "competences-ao",
    libelle: `Compétences d'autorité organisatrice de l'accueil du jeune enfant (${dossier})`,
    async charger(ctx) {
      if (!existsSync(dossier)) return;
      const ref = await referentielsPourValidation(ctx.conn);
      for (const nom of readdirSync(dossier).filter((f) => f.endsWith(".json")).sort()) {
        const chemin = join(dossier, nom);
        const fichier = `data/competences-ao/${nom}`;
        const erreurs: string[] = [];
        let t: z.infer<typeof TransfertSchema> | undefined;
        // Saved by a spreadsheet or an old editor (Windows-1252, UTF-16): decoded, never stored with replacement characters.
        const texte = texteDecode(readFileSync(chemin), fichier, "JSON").texte;
        try {
          const r = TransfertSchema.safeParse(JSON.parse(texte));
          if (r.success) t = r.data;
          else erreurs.push(...r.error.issues.map((i) => `${fichier} : champ « ${i.path.join(".") || "(racine)"} » : ${i.message}.`));
        } catch (e) {
          erreurs.push(`${fichier} : JSON mal formé (${(e as Error).message}).`);
        }
        const membres = t && ref.membres.get(t.epci);
        if (t && !membres) erreurs.push(`${fichier} : EPCI inconnu du référentiel 2026 : ${t.epci}.`);
        for (const c of t?.sauf ?? []) if (membres && !membres.includes(c)) erreurs.push(`${fichier} : la commune ${c} n'est pas membre de l'EPCI ${t!.epci}.`);
        for (const e of erreurs) ctx.log(`      refusé — ${e}`);
        if (t && !erreurs.length) {
          await ctx.conn.run(`INSERT INTO competence_ao VALUES ($epci, $nom, from_json($sauf, '["VARCHAR"]'), $date::DATE, $source, $fichier)`,
            {epci: t.epci, nom: t.nom ?? null, sauf: JSON.stringify(t.sauf), date: t.enVigueur, source: t.source, fichier});
        }
        await ctx.enregistrer(
          {id: fichier, editeur: "Observatoire CTG (saisie des analystes)", titre: `Compétence AO transférée à l'EPCI ${t?.epci ?? nom}`, url: fichier,
            millesime: t?.enVigueur ?? "—", fichier, sha256: sha256Fichier(chemin), lignesLues: 1, lignesChargees: erreurs.length ? 0 : 1,
            lignesRejetees: erreurs.length ? 1 : 0, note: erreurs.length ? erreurs.join(" ") : t?.source},
          erreurs.map((motif) => ({fichier, ligne: null, colonne: null, valeur: null, motif}))
        );
      }
    }
  };
}
