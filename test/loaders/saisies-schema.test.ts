// Analysts' entries of the schéma pluriannuel: the four tables of seed 000 reproduced
// cell by cell, and each kind of bad row refused with a French message naming file,
// line and column.
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import {chargeurReferentiel} from "../../loaders/referentiel.js";
import {chargeurTerritoires} from "../../loaders/territoires.js";
import {chargeurSaisiesSchema, LigneSchema} from "../../loaders/saisies-schema.js";
import {placesPrevuesAnnee, type PlacesPrevues} from "../../src/lib/projection.js";
import type {ModeSchema} from "../../src/lib/couverture.js";
import type {LigneSchema as LigneSchemaSite} from "../../src/lib/projection-territoire.js";
import {entrepotEmbarque, requete} from "../aides.js";

/** A row of table schema_pluriannuel: what the site reads, plus the year of the period. */
type Ligne = LigneSchemaSite & {annee: number | null};

const PERIODES = ["actuel", "2026", "2027", "2028", "2029", "2030"];
const x6 = (v: number) => [v, v, v, v, v, v];
/** Seed 000, the four tables, columns « Nb de places ou d'ETP », 2026 … 2030 (undefined: blank cell, no row; null: unreadable cell). */
const TABLEAUX: Record<string, Partial<Record<ModeSchema, (number | null | undefined)[]>>> = {
  "200067437": {
    eaje_psu: [189, 189, 200, 200, 200, 200],
    micro_creche_paje: x6(20),
    mam: x6(8),
    assistants_maternels: [null, 225, 225, 225, 225, 225],
    rpe: x6(1.7),
    passerelles: [4, undefined, undefined, undefined, undefined, undefined]
  },
  "04049": {eaje_psu: x6(25), mam: x6(12), assistants_maternels: x6(41), rpe: x6(0.15), passerelles: x6(2)},
  "04116": {eaje_psu: x6(28), assistants_maternels: x6(19), rpe: x6(0.44), passerelles: x6(1)},
  "04149": {eaje_psu: x6(21), mam: x6(8), assistants_maternels: x6(12), rpe: x6(0.1), passerelles: x6(1)}
};

describe("schéma pluriannuel saisi (data/saisies/schema-pluriannuel.csv)", () => {
  let lignes: Ligne[];
  beforeAll(async () => {
    lignes = await requete<Ligne>(entrepotEmbarque(), "SELECT * FROM schema_pluriannuel WHERE territoire = 'ctg-paa' ORDER BY ao, mode, periode");
  });
  const cellules = (ao: string, mode: string) =>
    PERIODES.map((p) => {
      const l = lignes.find((x) => x.ao === ao && x.mode === mode && x.periode === p);
      return l ? l.valeur : undefined;
    });

  for (const [ao, modes] of Object.entries(TABLEAUX)) {
    it(`reproduit le tableau de l'AO ${ao} cellule par cellule`, () => {
      for (const mode of ["eaje_psu", "micro_creche_paje", "mam", "assistants_maternels", "rpe", "passerelles"] as ModeSchema[]) {
        expect([mode, cellules(ao, mode)]).toEqual([mode, modes[mode] ?? x6(undefined as never)]);
      }
    });
  }
  it("charge toutes les lignes, sans rejet", async () => {
    expect(lignes).toHaveLength(115);
    const [s] = await requete<{lignes_lues: number; lignes_chargees: number; lignes_rejetees: number}>(entrepotEmbarque(),
      "SELECT lignes_lues, lignes_chargees, lignes_rejetees FROM source WHERE id = 'data/saisies/schema-pluriannuel.csv'");
    expect(s).toEqual({lignes_lues: 115, lignes_chargees: 115, lignes_rejetees: 0});
  });
  it("donne à chaque mode son unité, et les nombres de structures de PAA", () => {
    expect(new Set(lignes.filter((l) => l.mode === "rpe").map((l) => l.unite))).toEqual(new Set(["etp"]));
    expect(new Set(lignes.filter((l) => l.mode === "passerelles").map((l) => l.unite))).toEqual(new Set(["dispositifs"]));
    const nb = lignes.filter((l) => l.nb_structures != null).map((l) => [l.ao, l.mode, l.periode, l.nb_structures]);
    expect(nb).toEqual([
      ["200067437", "assistants_maternels", "actuel", 54], ["200067437", "eaje_psu", "actuel", 8],
      ["200067437", "mam", "actuel", 1], ["200067437", "micro_creche_paje", "actuel", 2]
    ]);
  });
  it("reprend les besoins là où le tableau en a", () => {
    const paa = lignes.find((l) => l.ao === "200067437" && l.mode === "eaje_psu" && l.periode === "actuel")!;
    expect(paa.besoins_emplois).toBe("3 ETP vacants. 2 ETP à créer");
    expect(paa.ingenierie).toMatch(/^Ingénierie PAA\. Audit sur les besoins petite enfance \(cabinet extérieur\)/);
    const casa = lignes.find((l) => l.ao === "04049" && l.mode === "eaje_psu" && l.periode === "actuel")!;
    expect(casa.autres_besoins).toMatch(/« La Passerelle »/);
    expect(casa.couts_calendrier).toBe("Non évaluable à ce jour");
    expect(lignes.find((l) => l.ao === "04116" && l.mode === "eaje_psu" && l.periode === "actuel")!.besoins_emplois).toMatch(/GPEC/);
    expect(lignes.filter((l) => l.ao === "04149" && (l.besoins_emplois || l.autres_besoins || l.projets))).toEqual([]);
  });
  it("dit dans la note chaque cellule illisible ou interprétée au lieu de deviner", () => {
    const note = (ao: string, mode: string, periode: string) => lignes.find((l) => l.ao === ao && l.mode === mode && l.periode === periode)!.note;
    expect(note("200067437", "assistants_maternels", "actuel")).toMatch(/cinq cellules/);
    expect(note("200067437", "passerelles", "actuel")).toMatch(/3 sur Digne, 1 sur Malijai/);
    expect(note("200067437", "rpe", "2026")).toMatch(/1\.7%/);
    expect(note("04116", "rpe", "2027")).toMatch(/« 044 »/);
    expect(note("04049", "eaje_psu", "2028")).toMatch(/25 accueil régulier/);
    expect(lignes.filter((l) => l.valeur == null).every((l) => l.note)).toBe(true);
  });
  it("alimente la projection : places prévues de PAA (EAJE PSU + micro-crèches + MAM + assistants maternels)", () => {
    const prevues: PlacesPrevues[] = lignes.filter((l) => l.ao === "200067437" && l.annee != null).map((l) => ({mode: l.mode, annee: l.annee!, places: l.valeur}));
    expect(placesPrevuesAnnee(prevues, 2026).places).toBe(189 + 20 + 8 + 225);
    expect(placesPrevuesAnnee(prevues, 2030).places).toBe(200 + 20 + 8 + 225);
  });
});

describe("refus des lignes fautives", () => {
  const ENTETE = "territoire;ao;mode;unite;annee;valeur;nb_structures;besoins_emplois;autres_besoins;projets;couts_calendrier;ingenierie;source;note";
  const lignesFichier = [
    "ctg-paa;04149;eaje_psu;places;2026;21;;;;;;;essai;",
    "ctg-paa;04149;eaje_psu;places;2031;21;;;;;;;essai;",
    "ctg-paa;04149;mam;places;2026;-5;;;;;;;essai;",
    "ctg-paa;04999;eaje_psu;places;2026;10;;;;;;;essai;",
    "ctg-paa;06088;eaje_psu;places;2026;10;;;;;;;essai;",
    "ctg-paa;04149;rpe;places;2026;1;;;;;;;essai;",
    "ctg-paa;04149;mam;places;2027;;;;;;;;essai;",
    "ctg-paa;04149;mam;places;2028;12.5;;;;;;;essai;",
    "ctg-paa;04149;creche;places;2026;3;;;;;;;essai;",
    "ctg-paa;04149;eaje_psu;places;2026;22;;;;;;;essai;",
    "ctg-inconnu;04149;mam;places;2029;8;;;;;;;essai;",
    "ctg-paa;04149;rpe;etp;2027;0,1;;;;;;;essai;"
  ];
  let journal: string[];
  let cible: string;
  let dossier: string;
  beforeAll(async () => {
    dossier = mkdtempSync(join(tmpdir(), "ctg-saisies-"));
    writeFileSync(join(dossier, "schema-pluriannuel.csv"), [ENTETE, ...lignesFichier, ""].join("\n"));
    cible = join(dossier, "entrepot.duckdb");
    journal = [];
    await construireEntrepot({cible, sources: dossier, log: (m) => journal.push(m),
      chargeurs: [chargeurReferentiel, chargeurTerritoires(resolve(import.meta.dirname, "../../data/territoires")), chargeurSaisiesSchema(dossier)]});
  });
  afterAll(() => {
    if (dossier) rmSync(dossier, {recursive: true, force: true});
  });
  it("nomme fichier, ligne et colonne pour chaque refus", () => {
    const f = "data/saisies/schema-pluriannuel.csv";
    expect(journal.filter((m) => m.includes("refusé —")).map((m) => m.replace(/^\s*refusé — /, ""))).toEqual([
      `${f}, ligne 3, colonne « annee » : année hors de la période du schéma (2026 à 2030) (valeur « 2031 »).`,
      `${f}, ligne 4, colonne « valeur » : nombre négatif refusé (valeur « -5 »).`,
      `${f}, ligne 5, colonne « ao » : autorité organisatrice inconnue du référentiel 2026 (ni commune ni EPCI) (valeur « 04999 »).`,
      `${f}, ligne 6, colonne « ao » : autorité organisatrice hors du territoire « ctg-paa » (valeur « 06088 »).`,
      `${f}, ligne 7, colonne « unite » : unité « etp » attendue pour le mode rpe (valeur « places »).`,
      `${f}, ligne 8, colonne « valeur » : valeur vide : dites pourquoi dans la colonne note (cellule illisible, non renseignée…).`,
      `${f}, ligne 9, colonne « valeur » : nombre entier de places attendu (valeur « 12.5 »).`,
      `${f}, ligne 10, colonne « mode » : mode inconnu : attendu eaje_psu, micro_creche_paje, mam, assistants_maternels, rpe, passerelles (valeur « creche »).`,
      `${f}, ligne 11, colonne « territoire + ao + mode + annee » : ligne en double (même clé qu'une ligne précédente) (valeur « ctg-paa | 04149 | eaje_psu | 2026 »).`,
      `${f}, ligne 12, colonne « territoire » : territoire inconnu (ni territoire CTG de data/territoires, ni EPCI, ni commune) (valeur « ctg-inconnu »).`
    ]);
  });
  it("ne charge que les lignes valides et garde les refus dans la table rejet", async () => {
    expect(await requete(cible, "SELECT ao, mode, periode, valeur FROM schema_pluriannuel ORDER BY mode")).toEqual([
      {ao: "04149", mode: "eaje_psu", periode: "2026", valeur: 21},
      {ao: "04149", mode: "rpe", periode: "2027", valeur: 0.1}
    ]);
    const [r] = await requete<{n: number}>(cible, "SELECT count(*)::INTEGER AS n FROM rejet WHERE source_id = 'data/saisies/schema-pluriannuel.csv'");
    expect(r!.n).toBe(10);
  });
  it("accepte la virgule décimale et « actuel »", () => {
    const r = LigneSchema.parse({territoire: "ctg-paa", ao: "200067437", mode: "rpe", unite: "etp", annee: "actuel", valeur: "1,7", source: "essai"});
    expect([r.annee, r.valeur]).toEqual([null, 1.7]);
  });
});
