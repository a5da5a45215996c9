// `ctg comparer --periode` and `ctg similaires`, run as an analyst runs them.
import {spawnSync} from "node:child_process";
import {resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {entrepotEmbarque, referentielDe} from "../aides.js";
import type {Referentiel} from "../../src/lib/referentiel.js";

const RACINE = resolve(import.meta.dirname, "../..");
function ctg(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/ctg.ts", ...args, "--entrepot", entrepotEmbarque()], {cwd: RACINE, encoding: "utf8"});
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

// Each command reads the warehouse in a child process: slow on a busy machine.
describe("npm run ctg -- comparer --periode", {timeout: 180_000}, () => {
  it("un territoire seul : chaque indicateur au début et à la fin de la période, l'écart et la lecture", () => {
    const r = ctg("comparer", "ctg-paa", "--periode", "2019-2023", "--json");
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(j.periode).toEqual({debut: 2019, fin: 2023});
    const pop = j.territoires[0].lignes.find((l: {id: string}) => l.id === "population_municipale");
    // populations légales 2019 and 2023 of the 46 communes (the package's figures, docs/cli.md)
    expect(pop).toMatchObject({debut: {annee: "2019", valeur: 47463}, fin: {annee: "2023", valeur: 49137}, ecart: 1674, avertissements: []});
    expect(pop.lecture.replace(/[\u202f\u00a0]/g, " ")).toBe("En hausse de 1 674 (+3,5 %), de 47 463 en 2019 à 49 137 en 2023.");
  });

  it("CSV : une ligne par territoire et indicateur ; une période invalide est refusée", () => {
    const r = ctg("comparer", "ctg-paa", "04070", "--periode", "2019-2023", "--csv");
    const lignes = r.stdout.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lignes[0]).toBe("Territoire;Indicateur;Unité;Année de début;Valeur au début;Année de fin;Valeur à la fin;Écart (unité de l'indicateur, points pour un taux);Évolution (%);Lecture;Avertissements;Source");
    expect(lignes.filter((l) => l.startsWith("Digne-les-Bains;Population municipale;habitants;2019;"))).toHaveLength(1);
    const e = ctg("comparer", "ctg-paa", "--periode", "2024-2021");
    expect([e.code, e.stdout]).toEqual([1, ""]);
    expect(e.stderr).toBe("Erreur : Période invalide : « 2024-2021 » : l'année de début doit précéder l'année de fin.\n");
  });
});

describe("npm run ctg -- similaires", {timeout: 300_000}, () => {
  let ref: Referentiel;
  beforeAll(async () => {
    ref = await referentielDe(entrepotEmbarque());
  });

  it("les k EPCI de population la plus proche (en logarithme) de la CTG de PAA, hors son propre EPCI", () => {
    // Expected order computed here from the referential: |log10(1 + p) − log10(1 + p_PAA)|, ties by id.
    const pop = new Map<string, number>();
    for (const c of ref.communes.values()) if (c.epci && c.pop?.["2023"]) pop.set(c.epci, (pop.get(c.epci) ?? 0) + c.pop["2023"][0]);
    const paa = pop.get("200067437")!;
    const attendus = [...pop].filter(([e]) => e !== "200067437").map(([e, p]) => [`epci:${e}`, Math.abs(Math.log10(1 + p) - Math.log10(1 + paa))] as const)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([id]) => id);
    const r = ctg("similaires", "ctg-paa", "--indicateurs", "population_municipale", "-k", "3", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.valeurs).toEqual({population_municipale: 49137});
    expect(j.voisins.map((v: {id: string}) => v.id)).toEqual(attendus);
    expect(j.echelles[0]).toMatchObject({indicateur: "population_municipale", log: true});
    const csv = ctg("similaires", "200067437", "--indicateurs", "population_municipale", "-k", "2", "--csv").stdout.replace(/^\ufeff/, "").split("\r\n");
    expect(csv[0]).toBe("Rang;Identifiant;Territoire;Distance;Population municipale;Population municipale : écart standardisé;Population municipale : part de la distance (%)");
    expect(csv[1]).toMatch(new RegExp(`^1;${attendus[0]};`));
  });

  it("refuse un département, un indicateur inconnu, un k invalide", () => {
    expect(ctg("similaires", "dep:04").stderr).toMatch(/^Erreur : Territoires semblables : indiquez une commune, un EPCI ou un territoire CTG/);
    expect(ctg("similaires", "04070", "--indicateurs", "part_cadres").stderr).toBe("Erreur : Indicateur inconnu : part_cadres\n");
    // In the catalogue, but not loaded for communes here (no Cnaf coverage file, no commune contours in a fresh clone)
    for (const id of ["taux_couverture_global", "densite"]) {
      expect(ctg("similaires", "04070", "--indicateurs", id).stderr).toBe(`Erreur : Indicateur non disponible pour comparer des territoires : ${id} (connu pour moins de 10 territoires de ce niveau dans les données chargées).\n`);
    }
    expect(ctg("similaires", "04070", "-k", "0", "--indicateurs", "population_municipale").stderr).toMatch(/Nombre de territoires semblables invalide : 0/);
  });
});
