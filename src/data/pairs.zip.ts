// Peers of a territory (src/lib/pairs.ts): every EPCI's figures in epci.json (loaded with the
// comparison and diagnostic pages, ~45 kB compressed), every commune's in one file per région
// (communes-<région>.json, fetched only when a commune is placed among its peers).
import {zipSync, strToU8} from "fflate";
import {avecEntrepot} from "./lecture-entrepot.js";
import {lireReferentiel} from "../../loaders/lecture.js";
import {lireFaits} from "../../loaders/faits.js";
import {fichierPairs, territoiresPairs} from "../lib/pairs.js";

const fichiers = await avecEntrepot(async (conn) => {
  const ref = await lireReferentiel(conn);
  const faits = await lireFaits(conn);
  const sortie: Record<string, Uint8Array> = {"epci.json": strToU8(JSON.stringify(fichierPairs("epci", territoiresPairs(ref, "epci"), faits)))};
  const communes = fichierPairs("commune", territoiresPairs(ref, "commune"), faits);
  for (const reg of ref.regions.keys()) {
    const k = communes.territoires.flatMap((t, j) => (t.reg === reg ? [j] : []));
    const partielles = Object.fromEntries(Object.entries(communes.partielles).map(([id, l]) => [id, l.filter((j) => communes.territoires[j]!.reg === reg).map((j) => k.indexOf(j))]));
    sortie[`communes-${reg}.json`] = strToU8(JSON.stringify({
      type: "commune", annees: communes.annees, territoires: k.map((j) => communes.territoires[j]),
      valeurs: Object.fromEntries(Object.entries(communes.valeurs).map(([id, v]) => [id, k.map((j) => v[j])])),
      partielles: Object.fromEntries(Object.entries(partielles).filter(([, l]) => l.length))
    }));
  }
  return sortie;
});
process.stdout.write(zipSync(fichiers, {level: 6, mtime: new Date("2026-01-01T00:00:00Z")}));
