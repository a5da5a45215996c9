// One JSON file per département (communes with their legal populations by millésime),
// fetched by the pages on demand: data/communes/<dep>.json.
import {zipSync, strToU8} from "fflate";
import {referentiel} from "./lecture-entrepot.js";
import type {FichierDepartement} from "../components/index-territoires.js";

const ref = await referentiel();
const parDep = new Map<string, FichierDepartement>();
for (const c of ref.communes.values()) (parDep.get(c.dep) ?? parDep.set(c.dep, []).get(c.dep)!).push(c);
const fichiers = Object.fromEntries([...parDep].map(([dep, communes]) => [`${dep}.json`, strToU8(JSON.stringify(communes))]));
process.stdout.write(zipSync(fichiers, {level: 6, mtime: new Date("2026-01-01T00:00:00Z")}));
