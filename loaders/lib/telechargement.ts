// `npm run data -- --refresh`: fetch the official files into the sources folder.
// Without a network it says so and keeps what the folder already holds.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {membresVerifies} from "./fichiers-source.js";
import type {Chargeur, OptionsRecordsCli, Telechargement} from "./chargeur.js";

/**
 * Downloads each file in turn. A host that cannot be reached at all (no network, DNS,
 * connection refused: fetch throws) is not asked again: its other files are counted in
 * one line instead of one failure each (the geo API alone has ~100 files).
 */
export async function telecharger(liste: Telechargement[], sources: string, log: (m: string) => void): Promise<number> {
  let ok = 0;
  const injoignables = new Map<string, number>();
  for (const t of liste) {
    const hote = new URL(t.url).host;
    if (injoignables.has(hote)) {
      injoignables.set(hote, injoignables.get(hote)! + 1);
      continue;
    }
    try {
      const reponse = await fetch(t.url, {signal: AbortSignal.timeout(30_000)}).catch((e: Error) => {
        injoignables.set(hote, 0);
        throw e;
      });
      if (!reponse.ok) throw new Error(`HTTP ${reponse.status}`);
      const octets = new Uint8Array(await reponse.arrayBuffer());
      ecrire(join(sources, t.fichier), octets);
      if (t.extraire) {
        const membres = membresVerifies(octets, (nom) => nom in t.extraire!);
        for (const [nom, cible] of Object.entries(t.extraire)) {
          if (!membres[nom]) throw new Error(`membre ${nom} absent de l'archive`);
          ecrire(join(sources, cible), membres[nom]);
        }
      }
      log(`      téléchargé : ${t.url} → ${t.fichier}`);
      ok++;
    } catch (e) {
      log(`      non téléchargé (${(e as Error).message}) : ${t.url}. Pas de réseau ? Les fichiers déjà présents dans ${sources} sont conservés.`);
    }
  }
  for (const [hote, n] of injoignables) {
    if (n) log(`      ${n} autre${n > 1 ? "s" : ""} fichier${n > 1 ? "s" : ""} de ${hote} non demandé${n > 1 ? "s" : ""} : serveur injoignable.`);
  }
  return ok;
}

/**
 * `--refresh`: every loader's official files; with `via: "records"`, the loaders that can
 * page through the Opendatasoft API do so instead of fetching whole-file exports.
 */
export async function rafraichir(chargeurs: readonly Chargeur[], sources: string, o: OptionsRecordsCli & {via: "export" | "records"}): Promise<number> {
  const parRecords = o.via === "records" ? chargeurs.filter((c) => c.rafraichirParRecords) : [];
  let n = await telecharger(chargeurs.filter((c) => !parRecords.includes(c)).flatMap((c) => c.telechargements ?? []), sources, o.log);
  for (const c of parRecords) n += await c.rafraichirParRecords!(sources, o);
  return n;
}

function ecrire(chemin: string, octets: Uint8Array) {
  mkdirSync(dirname(chemin), {recursive: true});
  writeFileSync(chemin, octets);
}
