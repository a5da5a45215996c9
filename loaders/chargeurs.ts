// The ordered list of loaders `npm run data` runs. Order matters: the referential
// first (every other source joins to it), then official files that supersede it.
import {join} from "node:path";
import type {Chargeur} from "./lib/warehouse.js";
import {chargeurReferentiel} from "./referentiel.js";
import {chargeurPopulationsLegales} from "./insee-populations-legales.js";
import {chargeurTerritoires} from "./territoires.js";

export function chargeurs(racine: string): Chargeur[] {
  return [chargeurReferentiel, chargeurPopulationsLegales, chargeurTerritoires(join(racine, "data", "territoires"))];
}
