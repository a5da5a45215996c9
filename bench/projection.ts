// Projections 2026–2030 of a territory in Node, on the real files: the time to recompute
// every AO's projection and the whole after one scenario control moves (what the page does
// on each input), for the CTG PAA (4 AO tables + the whole). Target: one frame (16 ms).
import {existsSync} from "node:fs";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {lireReferentiel} from "../entrepot/lecture.js";
import {lireFaits} from "../entrepot/faits.js";
import {lireSchemaPluriannuel} from "../entrepot/lecture-schema.js";
import {ficheTerritoire} from "../src/lib/fiche.js";
import {PARAMETRES_DEFAUT, preparerTerritoire, projeterTerritoire, type ParametresScenario} from "../src/lib/projection-territoire.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../src/lib/territoire.js";
import {mediane, ms, type Ligne} from "./mesure.js";

export async function benchProjection(entrepot: string, territoire = "groupe:ctg-paa"): Promise<Ligne[]> {
  if (!existsSync(entrepot)) return [{mesure: "Projections", valeur: `entrepôt ${entrepot} absent`}];
  const conn = await ouvrirEntrepot(entrepot);
  const ref = await lireReferentiel(conn);
  const t = resoudreTerritoire(ref, territoire);
  const faits = await lireFaits(conn, t.communes);
  const lignesSchema = await lireSchemaPluriannuel(conn);
  conn.closeSync();
  const entree = {faits, territoire: t, equivalents: equivalents(ref, t), departement: departementDeReference(ref, t), aos: ficheTerritoire(ref, t).autoritesOrganisatrices.lignes, lignesSchema};
  const {prep} = preparerTerritoire(entree);
  // One control moved per run, as a user drags a slider or clicks a radio button.
  const suite: ParametresScenario[] = [
    PARAMETRES_DEFAUT,
    {...PARAMETRES_DEFAUT, scenario: "stable"},
    ...[-3, -2.5, -2, -1.5, -1, 0, 1].map((variation) => ({...PARAMETRES_DEFAUT, scenario: "variation" as const, variation})),
    {...PARAMETRES_DEFAUT, cible: 65},
    {...PARAMETRES_DEFAUT, repartition: {eaje_psu: 1, micro_creche_paje: 1, mam: 1, assistants_maternels: 1}},
    {...PARAMETRES_DEFAUT, horsSchema: false}
  ];
  let k = 0;
  const recalcul = await mediane(() => projeterTerritoire(prep, suite[k++ % suite.length]!), 201);
  const complet = await mediane(() => projeterTerritoire(preparerTerritoire(entree).prep, suite[k++ % suite.length]!), 51);
  return [
    {mesure: `Recalcul des projections (${prep.zones.length} zones de ${t.nom}) après un changement de contrôle, médiane (Node)`, valeur: ms(recalcul), cible: "≤ 16 ms", ok: recalcul <= 16},
    {mesure: "… avec la préparation (changement de territoire : naissances et places hors schéma par AO)", valeur: ms(complet)}
  ];
}
