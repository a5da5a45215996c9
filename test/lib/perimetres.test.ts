// Perimeters never mixed (issue 11, § 3), on the real files: a series has one perimeter and one
// source, a headline covers the territory, the latest figure is the latest.
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {calculer, couvreTerritoire, diagnostic, ligneDiagnostic, type ContexteDiagnostic, type LigneDiagnostic, type Precalcul} from "../../src/lib/diagnostic.js";
import {INDICATEURS, indicateur} from "../../src/lib/indicateurs.js";
import {tendance} from "../../src/lib/lecture.js";
import {annexe, lignesPartielles, lignesTerritoire} from "../../src/lib/annexe.js";
import {bilans, lignePeriode} from "../../src/lib/periode.js";
import {departementDeReference, equivalents, groupeAdHoc, resoudreTerritoire, type Territoire} from "../../src/lib/territoire.js";
import {avecDonneesReelles, entrepotComplet, simple} from "../aides.js";

let d: DonneesDiagnostic;
const contexte = (t: Territoire, precalcul?: Precalcul): ContexteDiagnostic =>
  ({id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons, precalcul});
const ctx = (saisie: string) => contexte(resoudreTerritoire(d.ref, saisie));
const ligne = (saisie: string, id: string) => ligneDiagnostic(indicateur(id), ctx(saisie));
const valeurs = (l: LigneDiagnostic, serie: number) => l.evolution.filter((e) => e.serie === serie).map((e) => [e.annee, e.valeur]);

/**
 * What a figure is, recomputed without the series: its origin (entry, publisher's row, rounded or
 * exact files) and the communes it covers (with the pieces a commune nouvelle lacks).
 */
function nature(l: LigneDiagnostic, c: ContexteDiagnostic, annee: string): string {
  const i = indicateur(l.id);
  const ids = [c.id, ...(c.equivalents ?? [])];
  const a = c.precalcul ? c.precalcul[l.id]![annee]! : calculer(i, c.faits, c.communes, annee, ids);
  const origine = a.source ? `saisie ${a.source}` : a.publie ? "ligne publiée" : a.statut === "approximatif" ? "fichiers arrondis" : "fichiers";
  const entier = a.source != null || a.publie || (i.calcul.type === "publie" && ("manquantes" in a ? a.manquantes.length === 0 : a.nbManquantes === 0));
  const manquantes = entier ? "aucune" : "manquantes" in a ? a.manquantes.join(",") : `${a.nbManquantes}`;
  const point = l.evolution.find((e) => e.annee === annee)!;
  return `${origine} | ${manquantes} | ${point.perimetre.piecesAbsentes.join(",")}`;
}

describe.skipIf(!avecDonneesReelles())("périmètres jamais mêlés (fichiers réels)", () => {
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    d = await lireDonneesDiagnostic(conn);
    conn.closeSync();
  });

  it("pour chaque indicateur du catalogue et chaque type de territoire, une série ne joint jamais deux périmètres ni deux sources", () => {
    const france = resoudreTerritoire(d.ref, "france");
    const precalculFrance: Precalcul = Object.fromEntries(Object.entries(d.comparaisons).map(([ind, parZone]) => [ind, parZone.france ?? {}]));
    const territoires: [string, ContexteDiagnostic][] = [
      ["commune", ctx("06033")], ["commune nouvelle", ctx("69149")], ["EPCI", ctx("200067437")], ["groupe CTG", ctx("ctg-paa")],
      ["groupe CTG", ctx("ctg-bassin-carros")], ["groupe ad hoc", contexte(groupeAdHoc(d.ref, ["04070", "06033", "69149", "04049"]))],
      ["département", ctx("departement:04")], ["région", ctx("region:93")], ["France", contexte(france, precalculFrance)]
    ];
    let seriesVues = 0;
    let plusieurs = 0;
    for (const [type, c] of territoires) {
      for (const i of INDICATEURS) {
        const l = ligneDiagnostic(i, c);
        const quoi = `${type} ${c.id} ${i.id}`;
        const natures = l.series.map((s) => new Set(s.annees.map((a) => nature(l, c, a))));
        // one nature per series, and two series never of the same nature
        natures.forEach((n, k) => expect([...n], `${quoi} série ${k}`).toHaveLength(1));
        expect(new Set(natures.map((n) => [...n][0])).size, quoi).toBe(l.series.length);
        // every year with a value is in exactly one series
        expect(l.series.flatMap((s) => s.annees).sort(), quoi).toEqual(l.evolution.filter((e) => e.valeur != null).map((e) => e.annee));
        // a change is read within the headline's series only
        const t = tendance(i, l.evolution, l.annee);
        const serie = l.evolution.find((e) => e.annee === l.annee)?.serie;
        if (t) expect(t.points.every((p) => l.evolution.find((e) => e.annee === p.annee)!.serie === serie), quoi).toBe(true);
        // the headline is the latest figure covering the whole territory, when there is one
        const entiers = l.evolution.filter((e) => e.valeur != null && couvreTerritoire(e.perimetre));
        if (entiers.length && !(i.calcul.type === "somme" && i.calcul.base.startsWith("pop_"))) expect(l.annee, quoi).toBe(entiers[entiers.length - 1]!.annee);
        if (l.evolution.filter((e) => e.valeur != null).length > 1) expect(l.lecture, quoi).not.toMatch(/Une seule année/);
        seriesVues += l.series.length;
        if (l.series.length > 1) plusieurs++;
      }
      // bilan tables: one row per series, a row never holds two series' figures
      for (const t of bilans(c)) {
        for (const r of t.lignes) {
          const l = ligneDiagnostic(indicateur(r.id), c);
          const series = new Set(t.annees.filter((_, k) => r.valeurs[k] != null).map((a) => l.evolution.find((e) => e.annee === a)!.serie));
          expect(series.size, `${type} bilan ${r.id}`).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(seriesVues).toBeGreaterThan(500);
    expect(plusieurs).toBeGreaterThan(20); // the check is not vacuous: many indicators do change source or perimeter
  }, 240_000);

  it("Bassin de vie de Carros, foyers allocataires : la saisie de 2018 (4 484, territoire entier) et les sommes à l'IRIS (Carros seule) sont deux séries", () => {
    const l = ligne("ctg-bassin-carros", "allocataires");
    expect(l.series.map((s) => simple(s.libelle))).toEqual(["Fichiers publiés, 1 commune sur 6 (41,9 % de la population)", "Saisie des analystes, territoire entier"]);
    expect(valeurs(l, 0)).toEqual([["2016", 1641], ["2017", 1605], ["2019", 2184], ["2020", 2226]]);
    expect(valeurs(l, 1)).toEqual([["2018", 4484]]);
    // the headline is the whole territory's (the entry), and no change is read across the two series
    expect([l.annee, l.valeur.valeur, couvreTerritoire(l.perimetre)]).toEqual(["2018", 4484, true]);
    expect(tendance(indicateur("allocataires"), l.evolution, l.annee)).toBeNull();
    expect(simple(l.lecture)).toBe("Séries distinctes, non comparées entre elles : 2016–2017, 2019–2020, fichiers publiés, 1 commune sur 6 (41,9 % de la population) ; 2018, saisie des analystes, territoire entier.");
    // the bilan table: one row per series
    const rangs = bilans(ctx("ctg-bassin-carros")).find((t) => t.titre === "Allocataires")!.lignes.filter((r) => r.id === "allocataires");
    expect(rangs.map((r) => r.valeurs)).toEqual([[1641, 1605, null, 2184, 2226], [null, null, 4484, null, null]]);
    // a period: ends of the same series, or no change at all
    const p = lignePeriode(indicateur("allocataires"), ctx("ctg-bassin-carros"), {debut: 2017, fin: 2020});
    expect([p.debut?.valeur, p.fin?.valeur]).toEqual([1605, 2226]);
    const q = lignePeriode(indicateur("allocataires"), ctx("ctg-bassin-carros"), {debut: 2017, fin: 2018});
    expect([q.fin, q.ecart]).toEqual([null, null]);
    expect(simple(q.lecture)).toMatch(/^Pas d'évolution calculable : 2017 \(fichiers publiés, 1 commune sur 6 .*\) et 2018 \(saisie des analystes, territoire entier\) sont deux séries distinctes/);
  });

  it("Carros (commune 06033), foyers allocataires : une seule série, la commune entière, 2016–2020 (2 226 en 2020)", () => {
    const l = ligne("06033", "allocataires");
    expect(l.series).toHaveLength(1);
    expect(valeurs(l, 0)).toEqual([["2016", 1641], ["2017", 1605], ["2018", 1988], ["2019", 2184], ["2020", 2226]]);
    expect([l.annee, l.valeur.valeur]).toEqual(["2020", 2226]);
    expect(simple(l.lecture)).toBe("En hausse de 35,6 % entre 2016 et 2020. Une partie des données infra-communales est masquée (secret statistique) : total minimal.");
  });

  it("PAA : aucune ligne de tête n'est le chiffre d'une seule commune ; RSA, AAH, prime d'activité : la saisie 2025 et les sommes de Digne sont deux séries", () => {
    const c = ctx("ctg-paa");
    const sections = diagnostic(c);
    const modele = annexe(sections, new Map(), (code) => code);
    const lignes = new Map(sections.flatMap((s) => s.lignes).map((l) => [l.id, l]));
    const tete = modele.sections.flatMap(lignesTerritoire);
    const dessous = modele.sections.flatMap(lignesPartielles);
    expect(tete.length).toBeGreaterThan(30);
    // every headline figure covers the 46 communes: an entry, a published row, or a sum with none missing
    for (const l of tete) {
      const v = lignes.get(l.id)!.valeur;
      expect(v.source != null || v.publie === true || v.manquantes.length === 0, l.id).toBe(true);
    }
    const partielles = new Map(dessous.map((l) => [l.id, l]));
    expect(simple(partielles.get("part_aide_logement")!.perimetre!)).toBe("1 commune sur 46 (36,6 % de la population)");
    expect(simple(partielles.get("part_aide_logement")!.valeur.texte)).toBe("61,3 %");
    expect(partielles.get("places_accueil_formel")!.valeur.valeur).toBe(247);
    expect(tete.map((l) => l.id)).not.toContain("places_accueil_formel");
    expect(lignes.get("part_aide_logement")!.lecture).toMatch(/^Chiffre d'une partie du territoire seulement : 1 commune sur 46/);
    for (const [id, saisie] of [["rsa", 1220], ["aah", 1325], ["prime_activite", 3590], ["allocataires", 9635]] as const) {
      const l = lignes.get(id)!;
      expect([l.annee, l.valeur.valeur, l.series.length], id).toEqual(["2025", saisie, 2]);
      expect(l.series[0]!.annees, id).toEqual(["2016", "2017", "2018", "2019", "2020"]);
      expect(l.lecture, id).not.toMatch(/Une seule année/);
      expect(l.lecture, id).toMatch(/^Séries distinctes, non comparées entre elles : 2016–2020, fichiers publiés, 1 commune sur 46/);
    }
  });

  it("Oullins-Pierre-Bénite (69149) : le dernier chiffre est 2020 ; 2016, sans Pierre-Bénite (absente du fichier à l'IRIS), est une autre série, qui le dit", () => {
    const l = ligne("69149", "allocataires");
    expect([l.annee, l.valeur.valeur]).toEqual(["2020", 8255]);
    expect(l.series.map((s) => [s.annees, s.perimetre.piecesAbsentes])).toEqual([[["2016"], ["Pierre-Bénite (69152)"]], [["2017", "2018", "2019", "2020"], []]]);
    expect(simple(l.series[0]!.libelle)).toBe("Fichiers publiés, sans Pierre-Bénite (69152), absente du fichier cette année-là");
    // the change is read from 2017, never from the 2016 figure without Pierre-Bénite
    expect(l.lecture).toMatch(/entre 2017 et 2020/);
    // recoded communes nouvelles (Annecy, Cherbourg-en-Cotentin: IRIS under today's code once recoded) are not flagged
    for (const code of ["74010", "50129", "85194"]) expect(ligne(code, "allocataires").series, code).toHaveLength(1);
  });
});
