// Analysts' text of the annexe 1 (data/saisies/textes/*.md, format in docs/saisies.md):
// each file parsed and validated by src/lib/textes-analystes.ts, its territory checked
// against the warehouse, then one row per territory × section × rubrique in table
// `texte_analyste`. A refused file or heading is logged with its line and kept in `rejet`.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import type {Chargeur} from "./lib/chargeur.js";
import {sha256Fichier, type Rejet} from "./lib/source.js";
import {texteDecode} from "./lib/octets.js";
import {territoiresConnus} from "./saisies-diagnostic.js";
import type {TexteSection} from "../src/lib/textes-analystes.js";
import {lireTexteAnalyste} from "../src/lib/lecture-textes-analystes.js";

export function chargeurSaisiesTextes(dossier: string): Chargeur {
  const relatif = "data/saisies/textes";
  return {
    id: "saisies-textes",
    libelle: `Saisies : textes des analystes (${relatif}/*.md)`,
    async charger(ctx) {
      const fichiers = existsSync(dossier) ? readdirSync(dossier).filter((f) => f.endsWith(".md")).sort() : [];
      if (!fichiers.length) {
        ctx.log(`      ${relatif} : aucun texte d'analyste.`);
        return;
      }
      const connus = await territoiresConnus(ctx);
      const textes: TexteSection[] = [];
      const rejets: Rejet[] = [];
      const vus = new Set<string>();
      for (const f of fichiers) {
        const chemin = join(dossier, f);
        // Windows-1252 or UTF-16 (a text saved by a word processor) decoded, never stored with replacement characters.
        const r = lireTexteAnalyste(`${relatif}/${f}`, texteDecode(readFileSync(chemin), `${relatif}/${f}`, "Markdown").texte);
        rejets.push(...r.erreurs.map((motif): Rejet => ({fichier: `${relatif}/${f}`, ligne: Number(/ligne (\d+)/.exec(motif)?.[1] ?? 0) || null, colonne: null, valeur: null, motif})));
        for (const t of r.textes) {
          const cle = `${t.territoire}|${t.section}|${t.rubrique}`;
          if (!connus.has(t.territoire)) rejets.push({fichier: t.fichier, ligne: null, colonne: "territoire", valeur: t.territoire, motif: "territoire inconnu du référentiel et des territoires CTG"});
          else if (vus.has(cle)) rejets.push({fichier: t.fichier, ligne: null, colonne: "section", valeur: t.section, motif: `rubrique « ${t.rubrique} » déjà écrite pour ce territoire et cette section`});
          else {
            vus.add(cle);
            textes.push(t);
          }
        }
      }
      const a = await ctx.conn.createAppender("texte_analyste");
      for (const t of textes) {
        for (const v of [t.territoire, t.section, t.rubrique, JSON.stringify(t.blocs), t.auteur, t.date, t.source, t.fichier]) a.appendVarchar(v);
        a.endRow();
      }
      a.closeSync();
      for (const x of rejets) ctx.log(`      refusé — ${x.motif}`);
      for (const f of fichiers) {
        const fichier = `${relatif}/${f}`;
        const siens = textes.filter((t) => t.fichier === fichier);
        await ctx.enregistrer(
          {id: fichier, editeur: "Observatoire CTG (saisie des analystes)", titre: `Texte des analystes (constats, enjeux, priorités) : ${siens[0]?.territoire ?? f}`,
            url: fichier, millesime: siens[0]?.date ?? "aucun", fichier, sha256: sha256Fichier(join(dossier, f)),
            lignesLues: siens.length + rejets.filter((x) => x.fichier === fichier).length, lignesChargees: siens.length,
            lignesRejetees: rejets.filter((x) => x.fichier === fichier).length, note: "Une ligne par section et rubrique."},
          rejets.filter((x) => x.fichier === fichier)
        );
      }
    }
  };
}
