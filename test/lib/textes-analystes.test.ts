// The analysts' text of an annexe 1: the real PAA file (seed 000) parsed as the site reads it,
// and the French messages an analyst gets for a misspelt heading or a missing field.
import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {textesDe, type TexteSection} from "../../src/lib/textes-analystes.js";
import {blocsMarkdown, lireTexteAnalyste} from "../../src/lib/lecture-textes-analystes.js";

const FICHIER = "data/saisies/textes/ctg-paa.md";
const paa = lireTexteAnalyste(FICHIER, readFileSync(resolve(import.meta.dirname, "../..", FICHIER), "utf8"));
const de = (section: string, rubrique: string) => paa.textes.find((t) => t.section === section && t.rubrique === rubrique);

describe("texte des analystes de la CTG PAA (annexe 1 du seed 000)", () => {
  it("se lit sans erreur, signé et sourcé", () => {
    expect(paa.erreurs).toEqual([]);
    for (const t of paa.textes) expect(t).toMatchObject({territoire: "groupe:ctg-paa", auteur: expect.stringContaining("Caf des Alpes-de-Haute-Provence"), date: "2026-12-01"});
    expect(paa.textes[0]!.source).toContain("annexe 1");
  });

  it("porte les enjeux structurants (six thèmes du § 7) et les sept priorités opérationnelles", () => {
    const enjeux = de("synthèse", "enjeux")!.blocs;
    expect(enjeux.filter((b) => b.type === "titre").map((b) => (b as {texte: string}).texte)).toEqual([
      "Attractivité et dynamiques territoriales", "Accès aux services et équité territoriale", "Lutte contre la précarité",
      "Petite enfance, parentalité et jeunesse", "Logement et cadre de vie", "Vie sociale et inclusion"
    ]);
    expect(enjeux[1]).toEqual({type: "liste", items: ["Attirer jeunes familles et actifs", "Encourager la natalité et l'installation de jeunes ménages", "Valoriser les ressources naturelles et touristiques"]});
    const priorites = de("synthèse", "priorités")!.blocs;
    expect(priorites).toHaveLength(1);
    expect((priorites[0] as {items: string[]}).items).toHaveLength(7);
    expect((priorites[0] as {items: string[]}).items[6]).toBe("Améliorer l'accessibilité aux services et aux soins dans un territoire rural et enclavé.");
  });

  it("remplit les sections que les chiffres ne donnent pas : structure territoriale, santé et inclusion", () => {
    expect(de("territoire", "constats")!.blocs[0]).toEqual({type: "paragraphe", texte: expect.stringContaining("couvre 1 574 km², soit 23 % du département")});
    expect(de("territoire", "constats")!.blocs.find((b) => b.type === "liste")).toEqual({type: "liste", items: expect.arrayContaining(["Zone centrale (Digne-les-Bains, Bléone)"])});
    expect((de("santé et inclusion", "constats")!.blocs[0] as {items: string[]}).items).toContain("Manque de professionnels de santé et inégalités d'accès aux soins");
    expect(de("logement", "enjeux")!.blocs[0]).toEqual({type: "liste", items: ["Rénovation énergétique", "Adaptation au vieillissement", "Développement du logement social et intermédiaire", "Prévention des impayés et accompagnement budgétaire"]});
  });

  it("range les textes d'un territoire par section, constats puis enjeux puis priorités", () => {
    const m = textesDe(paa.textes, ["groupe:ctg-paa"]);
    expect(m.get("synthèse")!.map((t) => t.rubrique)).toEqual(["enjeux", "priorités"]);
    expect(textesDe(paa.textes, ["epci:200067437"]).size).toBe(0);
  });
});

describe("erreurs de saisie, en français, avec la ligne", () => {
  const entete = "---\nterritoire: groupe:ctg-paa\nauteur: Caf 04\ndate: 2025-06-30\nsource: diagnostic\n---\n";
  it("refuse un en-tête incomplet et une date mal écrite", () => {
    const r = lireTexteAnalyste("t.md", "---\nterritoire: groupe:ctg-paa\ndate: 30/06/2025\nsource: diagnostic\n---\n## Logement\n### Constats\n- a\n");
    expect(r.textes).toEqual([]);
    expect(r.erreurs).toHaveLength(2);
    expect(r.erreurs[0]).toMatch(/^t\.md, ligne 1 : auteur : /);
    expect(r.erreurs[1]).toBe("t.md, ligne 1 : date : date AAAA-MM-JJ attendue");
  });
  it("signale une section ou une rubrique inconnue et le texte hors rubrique, garde le reste", () => {
    const r = lireTexteAnalyste("t.md", `${entete}## Logment\n### Constats\n- perdu\n## Logement\nflottant\n### Enjeu\n### Enjeux\n- Rénover\n`);
    expect(r.erreurs).toEqual([
      "t.md, ligne 7 : section inconnue « Logment » (attendu : territoire, démographie, familles, allocataires et précarité, minima sociaux, revenus, logement, parentalité, petite enfance, enfance-jeunesse, cohésion sociale, santé et inclusion, synthèse)",
      "t.md, ligne 11 : texte hors d'une rubrique (titre « ### Constats », « ### Enjeux » ou « ### Priorités » attendu avant)",
      "t.md, ligne 12 : rubrique inconnue « Enjeu » (attendu : Constats, Enjeux ou Priorités)"
    ]);
    expect(r.textes.map((t: TexteSection) => [t.section, t.rubrique, t.blocs])).toEqual([["logement", "enjeux", [{type: "liste", items: ["Rénover"]}]]]);
  });
  it("joint les lignes d'un paragraphe, sépare les listes", () => {
    expect(blocsMarkdown(["Une phrase", "qui continue.", "", "* un", "- deux", "Fin."])).toEqual([
      {type: "paragraphe", texte: "Une phrase qui continue."}, {type: "liste", items: ["un", "deux"]}, {type: "paragraphe", texte: "Fin."}
    ]);
  });
});
