// Per-département diagnostic data (data/faits/<dep>.json), fetched on demand: the base
// series of the département's communes, the figures published for them, and the
// département's own comparison values.
import {zipSync, strToU8} from "fflate";
import {avecEntrepot} from "./lecture-entrepot.js";
import {lireDonneesDiagnostic} from "../../loaders/diagnostic.js";
import {lireContours} from "../../loaders/faits.js";
import type {FichierFaits} from "../components/chargement.js";

const fichiers = await avecEntrepot(async (conn) => {
  const {ref, faits, comparaisons} = await lireDonneesDiagnostic(conn);
  const contours = await lireContours(conn);
  const depDe = (code: string) => ref.communes.get(code)?.dep;
  const parDep = new Map<string, FichierFaits>();
  for (const dep of ref.departements.keys()) {
    const comparaison = Object.fromEntries(Object.entries(comparaisons).map(([ind, parZone]) => [ind, parZone[`departement:${dep}`] ?? {}]));
    parDep.set(dep, {series: {}, publies: {}, comparaison, contours: {}});
  }
  for (const [base, serie] of Object.entries(faits.series)) {
    for (const [code, valeurs] of Object.entries(serie)) {
      const f = parDep.get(depDe(code) ?? "");
      if (f) (f.series[base] ??= {})[code] = valeurs;
    }
  }
  for (const [base, parId] of Object.entries(faits.publies)) {
    for (const [id, valeurs] of Object.entries(parId)) {
      const f = id.startsWith("commune:") ? parDep.get(depDe(id.slice(8)) ?? "") : undefined;
      if (f) (f.publies[base] ??= {})[id] = valeurs;
    }
  }
  for (const [code, facteur] of Object.entries(faits.calibration ?? {})) {
    const f = parDep.get(depDe(code) ?? "");
    if (f) (f.calibration ??= {})[code] = facteur;
  }
  for (const [code, geometrie] of Object.entries(contours)) {
    const f = parDep.get(depDe(code) ?? "");
    if (f) f.contours[code] = geometrie;
  }
  return Object.fromEntries([...parDep].map(([dep, f]) => [`${dep}.json`, strToU8(JSON.stringify(f))]));
});
process.stdout.write(zipSync(fichiers, {level: 6, mtime: new Date("2026-01-01T00:00:00Z")}));
