// Build-time figures (France, régions, départements: data/agregats/; EPCI for the maps: data/valeurs-epci/)
// against what the browser computes from the communes' series: the same values, statuses and counts,
// on every page that shows them (diagnostic, comparison, period, bilan, petite enfance).
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {nombreManquantes} from "../../src/lib/agregation.js";
import {calculer, comparer, diagnostic, type ContexteDiagnostic} from "../../src/lib/diagnostic.js";
import {bilans, comparerPeriode, derniereAnneeConnue} from "../../src/lib/periode.js";
import {assemblerAgregats, assemblerDiagnostic, cleAgregats, fichierFrance, fichiersAgregats, fichiersParDepartement, type FichierAgregats} from "../../src/lib/donnees-territoire.js";
import {couvertureTerritoire, MANQUANTES_NOMMEES, pourquoiSansTaux, type CouvertureAnnee} from "../../src/lib/petite-enfance.js";
import {STATUT_CARTE, valeursEpci} from "../../src/lib/cartes.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import {millesimeEnVigueur} from "../../src/lib/referentiel.js";
import {ficheAgregee, ficheTerritoire} from "../../src/lib/fiche.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

describe.skipIf(!avecDonneesReelles())("chiffres calculés à la construction", () => {
  let d: DonneesDiagnostic;
  let agregats: Map<string, FichierAgregats>;
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    try {
      d = await lireDonneesDiagnostic(conn);
    } finally {
      conn.closeSync();
    }
    agregats = fichiersAgregats(d.ref, d.faits);
  });

  const contexte = (id: string, millesimePopulation: string): ContexteDiagnostic => {
    const t = resoudreTerritoire(d.ref, id);
    return {id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: null, faits: d.faits, comparaisons: d.comparaisons, millesimePopulation};
  };

  const enVigueur = () => String(millesimeEnVigueur(d.ref.millesimes).annee);
  const plusAncien = () => String(Math.min(...d.ref.millesimes.map((m) => m.annee)));

  it.each([["france", "en vigueur"], ["region:84", "en vigueur"], ["region:11", "en vigueur"], ["france", "le plus ancien"]])("%s, millésime %s : chaque ligne du diagnostic précalculé égale celle calculée depuis les communes", (id, quel) => {
    const f = agregats.get(cleAgregats(id))!;
    const ctx = contexte(id, quel === "en vigueur" ? enVigueur() : plusAncien());
    const lignes = (c: ContexteDiagnostic) => diagnostic(c).flatMap((s) => s.lignes).map((l) => ({
      id: l.id, annee: l.annee, valeur: l.valeur.valeur, statut: l.valeur.statut, retenues: l.valeur.retenues, manquantes: nombreManquantes(l.valeur),
      source: l.valeur.source, publie: l.valeur.publie, anneeDenominateur: l.valeur.anneeDenominateur, evolution: l.evolution, lecture: l.lecture
    }));
    const complet = lignes(ctx);
    expect(lignes({...ctx, precalcul: f.precalcul})).toEqual(complet);
    // Not vacuous: France has figures, some of them incomplete (masked cells stay masked).
    expect(complet.filter((l) => l.valeur != null).length).toBeGreaterThan(20);
    if (id === "france") expect(complet.some((l) => l.statut === "incomplet")).toBe(true);
  });

  // A département's page as the browser assembles it, from its build-time file or from its communes' file: the same
  // lines, its own column (compared with itself) and France's included.
  it.each(["departement:06", "departement:59"])("%s : la page lue depuis le fichier de la construction égale la page lue depuis les fichiers de ses communes", (id) => {
    const t = resoudreTerritoire(d.ref, id);
    const france = fichierFrance(d.faits, d.comparaisons);
    const parCommunes = assemblerDiagnostic(d.ref, t, t.code, france, new Map([[t.code, fichiersParDepartement(d.ref, d.faits, d.comparaisons).get(t.code)!]]));
    const parAgregats = assemblerAgregats(d.ref, {...t, communes: []}, france, agregats.get(cleAgregats(id))!);
    const lignes = (x: typeof parCommunes & {precalcul?: FichierAgregats["precalcul"]}) => diagnostic({
      id, equivalents: x.equivalents, communes: x.territoire.communes, departement: x.departement, faits: x.faits, comparaisons: x.comparaisons,
      millesimePopulation: enVigueur(), precalcul: x.precalcul, nombreCommunes: x.nombreCommunes
    }).flatMap((s) => s.lignes).map((l) => ({
      id: l.id, annee: l.annee, valeur: l.valeur.valeur, statut: l.valeur.statut, retenues: l.valeur.retenues, manquantes: nombreManquantes(l.valeur),
      source: l.valeur.source, publie: l.valeur.publie, anneeDenominateur: l.valeur.anneeDenominateur, evolution: l.evolution, lecture: l.lecture,
      departement: l.departement?.valeur, france: l.france?.valeur
    }));
    const attendues = lignes(parCommunes);
    expect(lignes(parAgregats)).toEqual(attendues);
    expect(parAgregats.nombreCommunes).toBe(t.communes.length);
    // Not vacuous: figures, and the département's column filled (with its own figure).
    expect(attendues.filter((l) => l.valeur != null && l.departement === l.valeur).length).toBeGreaterThan(20);
  }, 120_000);

  it.each(["france", "region:93"])("%s : la comparaison, la période et le bilan précalculés égalent ceux calculés depuis les communes", (id) => {
    const f = agregats.get(cleAgregats(id))!;
    const ctx = contexte(id, enVigueur());
    const pre = {...ctx, precalcul: f.precalcul};
    expect(comparer([pre, pre])).toEqual(comparer([ctx, ctx]));
    const periode = {debut: 2017, fin: 2022};
    expect(comparerPeriode(pre, periode)).toEqual(comparerPeriode(ctx, periode));
    expect(bilans(pre)).toEqual(bilans(ctx));
    expect(derniereAnneeConnue(pre)).toBe(derniereAnneeConnue(ctx));
    expect(f.communes).toBe(ctx.communes.length);
    // Not vacuous: period lines with both ends.
    expect(comparerPeriode(ctx, periode).filter((l) => l.debut && l.fin).length).toBeGreaterThan(5);
  }, 300_000); // France summed from its 34 969 communes, three times: about a minute on the 2-core machine

  // The petite-enfance page of France and the régions reads this file too: the same figures, origins and missing communes.
  it.each(["france", "region:93", "region:84", "departement:59"])("%s : la couverture de la petite enfance précalculée égale celle calculée depuis les communes", (id) => {
    const f = agregats.get(cleAgregats(id))!;
    const t = resoudreTerritoire(d.ref, id);
    const complete = couvertureTerritoire(d.faits, t.communes, [t.id, ...equivalents(d.ref, t)], t.type === "departement" ? t.code : null);
    const sansListes = (a: CouvertureAnnee | null) => a && {...a, manquantesPlaces: undefined, manquantesEnfants: undefined};
    const {noms, ...pre} = f.couverture;
    expect({...pre, annees: pre.annees.map(sansListes), derniere: sansListes(pre.derniere), derniereCnaf: sansListes(pre.derniereCnaf)})
      .toEqual({...complete, communes: [], annees: complete.annees.map(sansListes), derniere: sansListes(complete.derniere), derniereCnaf: sansListes(complete.derniereCnaf)});
    // A short list of missing communes kept (named on the page), a long one counted.
    for (const [k, a] of pre.annees.entries()) {
      const c = complete.annees[k]!;
      expect(a.manquantesPlaces).toEqual(c.manquantesPlaces.length <= MANQUANTES_NOMMEES ? c.manquantesPlaces : []);
      expect(a.manquantesEnfants).toEqual(c.manquantesEnfants.length <= MANQUANTES_NOMMEES ? c.manquantesEnfants : []);
    }
    const nom = (code: string) => d.ref.communes.get(code)?.nom ?? code;
    expect(pourquoiSansTaux(pre.derniere, f.communes, (code) => noms[code] ?? code)).toBe(pourquoiSansTaux(complete.derniere, t.communes.length, nom));
    // The children under 3 are the diagnostic's figure, the same year (one figure on every page).
    const e = pre.enfants;
    if (e) expect(e.valeur).toBeCloseTo(f.precalcul["enfants_moins_3_ans_estimes"]![e.annee]!.valeur!, 6);
    // Not vacuous: the Cnaf publishes only its larger communes, so France's and PACA's places are not summed, the missing counted.
    expect(complete.derniereCnaf!.places).toBeNull();
    expect(pre.derniereCnaf!.nbManquantesPlaces).toBeGreaterThan(id === "france" ? 30_000 : 100);
    if (id === "region:93") expect(e!.valeur).toBeGreaterThan(100_000);
    if (id === "region:84") expect(pre.annees.some((a) => a.manquantesEnfants.length > 0 && Object.keys(noms).length > 0)).toBe(true);
  }, 120_000);

  // The home page of France and of a région reads its populations from the same file.
  it.each(["france", "region:93"])("%s : populations légales de la page d'accueil, chaque millésime, égales à la fiche calculée depuis les communes", (id) => {
    const t = resoudreTerritoire(d.ref, id);
    const fiche = ficheTerritoire(d.ref, t);
    const f = agregats.get(cleAgregats(id))!;
    expect(f.populations).toEqual(fiche.evolution);
    for (const e of fiche.evolution) {
      const pre = ficheAgregee({...fiche.territoire, nombreCommunes: f.communes}, f.populations, {annee: e.millesime, enVigueur: e.enVigueur});
      expect(pre.population).toEqual(ficheTerritoire(d.ref, t, {millesime: e.millesime}).population);
      expect(pre.territoire.nombreCommunes).toBe(fiche.territoire.nombreCommunes);
    }
    // Not vacuous: several millésimes, France over 68 million inhabitants at the latest.
    expect(f.populations.length).toBeGreaterThan(3);
    if (id === "france") expect(f.populations.at(-1)!.municipale!).toBeGreaterThan(68_000_000);
  });

  it("France : population municipale du millésime en vigueur, Σ des communes, mêmes statut et communes manquantes", () => {
    const f = agregats.get("france")!;
    const pop = f.precalcul["population_municipale"]?.[enVigueur()];
    const ctx = contexte("france", enVigueur());
    const a = calculer(indicateur("population_municipale"), d.faits, ctx.communes, enVigueur(), "france");
    expect(pop).toEqual({valeur: a.valeur, statut: a.statut, retenues: a.retenues, nbManquantes: a.manquantes.length});
    expect(pop!.valeur!).toBeGreaterThan(65_000_000);
  });

  it("carte des EPCI : la valeur de chaque EPCI est celle de sa page (Provence-Alpes-Agglomération, natalité et RSA)", () => {
    const valeurs = valeursEpci(d.ref, d.faits, [indicateur("natalite"), indicateur("part_rsa")]);
    const t = resoudreTerritoire(d.ref, "epci:200067437");
    for (const id of ["natalite", "part_rsa"]) {
      const parAnnee = valeurs.get(id)!;
      const annees = Object.keys(parAnnee);
      expect(annees.length).toBeGreaterThan(0);
      for (const annee of annees) {
        const a = calculer(indicateur(id), d.faits, t.communes, annee, [t.id, ...equivalents(d.ref, t)]);
        const v = parAnnee[annee]!["200067437"];
        if (a.valeur == null) expect(v).toBeUndefined();
        else {
          expect(v![0]).toBeCloseTo(a.valeur, 4);
          expect(STATUT_CARTE[v![1]]).toBe(a.statut);
        }
      }
    }
  });
});
