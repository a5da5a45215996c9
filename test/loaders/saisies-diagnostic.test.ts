// Analysts' entries of the CTG diagnostics (data/saisies/diagnostic.csv): every row of the
// file loads into table `saisie` as written, and each kind of bad row is refused with a
// French message naming file, line and column.
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import {chargeurReferentiel} from "../../loaders/referentiel.js";
import {chargeurTerritoires} from "../../loaders/territoires.js";
import {chargeurSaisiesDiagnostic, type LigneSaisie} from "../../loaders/saisies-diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {entrepotEmbarque, referentielDe, requete} from "../aides.js";

const FICHIER = "data/saisies/diagnostic.csv";
const TERRITOIRES = resolve(import.meta.dirname, "../../data/territoires");

/** A row of table saisie: the loader's line without the resolved indicator. */
type Saisie = Omit<LigneSaisie, "indicateur">;

/** The committed file, read naively (no quoted fields in it: the loader would refuse a stray `;`). */
function lignesDuFichier() {
  const [entete, ...lignes] = readFileSync(resolve(import.meta.dirname, "../..", FICHIER), "utf8").split("\n").filter((l) => l.trim());
  expect(entete).toBe("territoire;indicateur;annee;valeur;source;note;cite_par");
  return lignes.map((l, k) => {
    const [territoire, id, annee, valeur, source, note, citePar] = l.split(";") as [string, string, string, string, string, string, string];
    const c = indicateur(id).calcul;
    return {territoire, base: c.type === "ratio" ? "" : c.base, annee: Number(annee), valeur: valeur === "" ? null : Number(valeur.replace(/\s/g, "").replace(",", ".")), source, note: note || null, ligne: k + 2,
      cite_par: citePar || null};
  });
}

describe("chiffres des diagnostics saisis (data/saisies/diagnostic.csv)", () => {
  let saisies: Saisie[];
  beforeAll(async () => {
    saisies = await requete<Saisie>(entrepotEmbarque(), "SELECT * FROM saisie ORDER BY ligne");
  });

  it("charge chaque ligne du fichier telle qu'elle est écrite (lues = chargées, aucun rejet)", async () => {
    const attendues = lignesDuFichier();
    expect(attendues.length).toBeGreaterThanOrEqual(59);
    expect(saisies.map(({fichier: _, ...s}: Saisie & {fichier?: string}) => s)).toEqual(attendues);
    const [s] = await requete<{lignes_lues: number; lignes_chargees: number; lignes_rejetees: number}>(entrepotEmbarque(),
      `SELECT lignes_lues, lignes_chargees, lignes_rejetees FROM source WHERE id = '${FICHIER}'`);
    expect(s).toEqual({lignes_lues: attendues.length, lignes_chargees: attendues.length, lignes_rejetees: 0});
  });

  it("saisit les chiffres du diagnostic PAA 2025 (seed 000), sans ceux que nos données calculent", () => {
    const paa = new Map(saisies.filter((s) => s.territoire === "groupe:ctg-paa").map((s) => [`${s.base}@${s.annee}`, s.valeur]));
    expect(Object.fromEntries(["caf_a", "caf_percou", "caf_arsas", "caf_appa", "caf_aaah", "rp_logements", "rp_residences_principales", "logements_sociaux",
      "caf_familles", "pop_moins_3", "eaje", "places_eaje", "assistants_maternels", "rpe", "caf_txcouv", "pop_moins_25", "caf_aeeh", "centres_sociaux", "evs"]
      .map((b) => [b, paa.get(`${b}@2025`)]))).toEqual({
      caf_a: 9635, caf_percou: 20625, caf_arsas: 1220, caf_appa: 3590, caf_aaah: 1325, rp_logements: 33594, rp_residences_principales: 24234, logements_sociaux: 2656,
      caf_familles: 4210, pop_moins_3: 1151, eaje: 14, places_eaje: 281, assistants_maternels: 84, rpe: 2, caf_txcouv: 58, pop_moins_25: 12072, caf_aeeh: 260, centres_sociaux: 2, evs: 6
    });
    expect(paa.get("tx_chomage@2025")).toBe(11.3);
    expect(paa.get("rp_tx_solde_naturel@2022")).toBe(-0.4);
    // Population, births and the share of population covered come from our own data.
    expect([...paa.keys()].filter((k) => /^(pop_mun|pop_tot|naissances)@/.test(k))).toEqual([]);
    expect(saisies.some((s) => s.valeur === 48726 || s.valeur === 378 || s.valeur === 42.3)).toBe(false);
  });

  it("garde le chiffre illisible sans valeur, avec le texte imprimé dans la note", () => {
    const vides = saisies.filter((s) => s.valeur == null);
    expect(vides.map((s) => [s.territoire, s.base])).toEqual([["groupe:ctg-paa", "caf_aal"]]);
    expect(vides[0]!.note).toMatch(/« 437 % des allocataires bénéficient d'une aide au logement »/);
  });

  it("saisit les assistants maternels du Bassin de vie commune par commune (codes du référentiel)", async () => {
    const ref = await referentielDe(entrepotEmbarque());
    const am = saisies.filter((s) => s.base === "assistants_maternels" && s.territoire.startsWith("commune:"));
    expect(am.map((s) => [ref.communes.get(s.territoire.slice(8))?.nom, s.annee, s.valeur])).toEqual([
      ["Carros", 2020, 49], ["Gattières", 2020, 19], ["Gilette", 2020, 6], ["La Gaude", 2020, 14], ["Le Broc", 2020, 0], ["Saint-Jeannet", 2020, 9]
    ]);
  });
});

describe("refus des lignes fautives", () => {
  const ENTETE = "territoire;indicateur;annee;valeur;source;note";
  const lignes = [
    "groupe:ctg-paa;allocataires;2025;9635;essai;",
    "groupe:ctg-paa;foyers_inconnus;2025;12;essai;",
    "groupe:ctg-inconnu;allocataires;2025;12;essai;",
    "commune:06999;assistants_maternels;2020;3;essai;",
    "groupe:ctg-paa;personnes_couvertes;2025;beaucoup;essai;",
    "groupe:ctg-paa;allocataires;2025;9636;essai;",
    "groupe:ctg-paa;part_population_couverte;2025;42,3;essai;",
    "groupe:ctg-paa;rsa;2025;;essai;",
    "groupe:ctg-paa;rsa;1999;1220;essai;",
    "groupe:ctg-paa;clas;2025;-4;essai;",
    "groupe:ctg-paa;eaje;2025;14,5;essai;",
    "ctg-paa;evs;2025;6;essai;",
    "groupe:ctg-paa,laep,2025,1,essai,",
    "departement:06;taux_couverture_global;2017;49,2;essai;",
    "commune:06033;assistants_maternels;2020;49;essai;",
    "groupe:ctg-paa;aide_logement;2025;;essai;illisible"
  ];
  let journal: string[];
  let cible: string;
  beforeAll(async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-saisies-diagnostic-"));
    writeFileSync(join(dossier, "diagnostic.csv"), [ENTETE, ...lignes, ""].join("\n"));
    cible = join(dossier, "entrepot.duckdb");
    journal = [];
    await construireEntrepot({cible, sources: dossier, log: (m) => journal.push(m),
      chargeurs: [chargeurReferentiel, chargeurTerritoires(TERRITOIRES), chargeurSaisiesDiagnostic(dossier)]});
  });

  it("nomme fichier, ligne et colonne pour chaque refus", () => {
    const refus = journal.filter((m) => m.includes("refusé —")).map((m) => m.replace(/^\s*refusé — /, ""));
    const f = FICHIER;
    expect(refus).toEqual([
      `${f}, ligne 3, colonne « indicateur » : indicateur inconnu du catalogue (src/lib/indicateurs.ts) (valeur « foyers_inconnus »).`,
      `${f}, ligne 4, colonne « territoire » : territoire inconnu (ni commune, EPCI, département ou région du référentiel 2026, ni territoire CTG de data/territoires, ni france) (valeur « groupe:ctg-inconnu »).`,
      `${f}, ligne 5, colonne « territoire » : territoire inconnu (ni commune, EPCI, département ou région du référentiel 2026, ni territoire CTG de data/territoires, ni france) (valeur « commune:06999 »).`,
      `${f}, ligne 6, colonne « valeur » : valeur non numérique (valeur « beaucoup »).`,
      `${f}, ligne 7, colonne « territoire + indicateur + annee » : ligne en double (même clé qu'une ligne précédente) (valeur « groupe:ctg-paa | allocataires | 2025 »).`,
      `${f}, ligne 8, colonne « indicateur » : indicateur calculé (caf_percou / pop_mun) : saisissez ses deux nombres, la part se calcule (valeur « part_population_couverte »).`,
      `${f}, ligne 9, colonne « valeur » : valeur vide : dites pourquoi dans la colonne note (chiffre illisible, non publié…).`,
      `${f}, ligne 10, colonne « annee » : année hors de 2000 à 2035 (valeur « 1999 »).`,
      `${f}, ligne 11, colonne « valeur » : nombre négatif refusé pour un effectif (valeur « -4 »).`,
      `${f}, ligne 12, colonne « valeur » : nombre entier attendu (valeur « 14,5 »).`,
      `${f}, ligne 13, colonne « territoire » : identifiant de territoire attendu : commune:06033, epci:200067437, departement:04, region:93, groupe:ctg-paa ou france (valeur « ctg-paa »).`,
      `${f}, ligne 14, colonne « indicateur » : ligne mal formée : 1 colonne au lieu de 6 (les colonnes se séparent par « ; » ; ligne coupée ?).`
    ]);
  });

  it("ne charge que les lignes valides et garde les refus dans la table rejet", async () => {
    expect(await requete(cible, "SELECT territoire, base, annee, valeur, ligne FROM saisie ORDER BY ligne")).toEqual([
      {territoire: "groupe:ctg-paa", base: "caf_a", annee: 2025, valeur: 9635, ligne: 2},
      {territoire: "departement:06", base: "caf_txcouv", annee: 2017, valeur: 49.2, ligne: 15},
      {territoire: "commune:06033", base: "assistants_maternels", annee: 2020, valeur: 49, ligne: 16},
      {territoire: "groupe:ctg-paa", base: "caf_aal", annee: 2025, valeur: null, ligne: 17}
    ]);
    const [r] = await requete<{n: number}>(cible, `SELECT count(DISTINCT ligne)::INTEGER AS n FROM rejet WHERE source_id = '${FICHIER}'`);
    expect(r!.n).toBe(12);
    const [s] = await requete<{lignes_lues: number; lignes_chargees: number; lignes_rejetees: number}>(cible,
      `SELECT lignes_lues, lignes_chargees, lignes_rejetees FROM source WHERE id = '${FICHIER}'`);
    expect(s).toEqual({lignes_lues: 16, lignes_chargees: 4, lignes_rejetees: 12});
  });

  it("refuse un fichier écrit avec le mauvais séparateur, en nommant fichier et ligne, sans écrire d'entrepôt", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-saisies-separateur-"));
    writeFileSync(join(dossier, "diagnostic.csv"), ["territoire,indicateur,annee,valeur,source,note", "groupe:ctg-paa,allocataires,2025,9635,essai,", ""].join("\n"));
    const autre = join(dossier, "entrepot.duckdb");
    await expect(construireEntrepot({cible: autre, sources: dossier, log: () => {},
      chargeurs: [chargeurReferentiel, chargeurTerritoires(TERRITOIRES), chargeurSaisiesDiagnostic(dossier)]}))
      .rejects.toThrow(`${FICHIER}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    expect(existsSync(autre)).toBe(false);
  }, 60_000);
});
