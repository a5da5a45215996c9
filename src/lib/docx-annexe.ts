// The annexe 1 as a Word document (docx): title block, per section the analysts' text and the
// figures' table, the source notes and the per-commune appendix. Same model as the page
// (src/lib/annexe.ts), so the document says what the page shows. Runs in the browser (the
// page's download button, loaded on demand) and in Node (`ctg diagnostic --docx`): the caller
// hands in the docx library, so that this module stays free of any writer (src/lib rules).
import type * as Docx from "docx";
import {dateFr, LEGENDE_DRAPEAUX, lignesPartielles, lignesTerritoire, texteCellule, TITRE_PARTIELLES, type Annexe, type EnteteAnnexe, type SectionAnnexe} from "./annexe.js";
import {TITRES_RUBRIQUES, type Bloc} from "./textes-analystes.js";
import type {ComplementsAnnexe} from "./annexe-renouvellement.js";
import type {Section} from "./indicateurs.js";

/** `renouvellement`: the territory among its peers (one small table per section) and over the previous convention's period. */
export function documentAnnexe(docx: typeof Docx, a: Annexe, e: EnteteAnnexe, renouvellement: ComplementsAnnexe = {pairs: null, periode: null}): Docx.Document {
  const {AlignmentType, BorderStyle, Document, HeadingLevel, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType} = docx;
  type Paragraph = Docx.Paragraph;
  type Table = Docx.Table;
  const POLICE = "Arial";
  const bordure = {style: BorderStyle.SINGLE, size: 4, color: "999999"};
  const BORDURES = {top: bordure, bottom: bordure, left: bordure, right: bordure};

  const cellule = (texte: string, {entete = false, droite = false, largeur}: {entete?: boolean; droite?: boolean; largeur?: number} = {}) =>
    new TableCell({
      borders: BORDURES,
      width: largeur ? {size: largeur, type: WidthType.PERCENTAGE} : undefined,
      shading: entete ? {type: ShadingType.CLEAR, color: "auto", fill: "E6EEF7"} : undefined,
      margins: {top: 30, bottom: 30, left: 60, right: 60},
      children: [new Paragraph({alignment: droite ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({text: texte, bold: entete, size: 17, font: POLICE})]})]
    });

  function tableau(entetes: string[], lignes: string[][], largeurs: number[], aDroite = (k: number) => k > 0): Table {
    return new Table({
      width: {size: 100, type: WidthType.PERCENTAGE},
      rows: [
        new TableRow({tableHeader: true, children: entetes.map((e, k) => cellule(e, {entete: true, droite: aDroite(k), largeur: largeurs[k]}))}),
        ...lignes.map((l) => new TableRow({cantSplit: true, children: l.map((t, k) => cellule(t, {droite: aDroite(k), largeur: largeurs[k]}))}))
      ]
    });
  }

  const texte = (t: string, o: {italique?: boolean; taille?: number; gras?: boolean; suivant?: boolean} = {}) =>
    new Paragraph({spacing: {after: 80}, keepNext: o.suivant, children: [new TextRun({text: t, italics: o.italique, bold: o.gras, size: o.taille ?? 20, font: POLICE})]});

  function blocs(b: Bloc): Paragraph[] {
    if (b.type === "titre") return [new Paragraph({spacing: {before: 120, after: 40}, children: [new TextRun({text: b.texte, bold: true, size: 20, font: POLICE})]})];
    if (b.type === "liste") return b.items.map((x) => new Paragraph({bullet: {level: 0}, children: [new TextRun({text: x, size: 20, font: POLICE})]}));
    return [texte(b.texte)];
  }

  function section(s: SectionAnnexe): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [new Paragraph({heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun({text: s.titre, font: POLICE})]})];
    for (const t of s.textes) {
      out.push(new Paragraph({heading: HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun({text: TITRES_RUBRIQUES[t.rubrique], font: POLICE})]}), ...t.blocs.flatMap(blocs));
    }
    if (s.textes.length) out.push(texte(`Texte des analystes : ${s.textes[0]!.auteur}, ${dateFr(s.textes[0]!.date)} [${s.noteTexte}].`, {italique: true, taille: 16}));
    const [territoire, partielles] = [lignesTerritoire(s), lignesPartielles(s)];
    if (territoire.length) {
      out.push(tableau(["Indicateur", "Valeur", "Année", "Département", "France", "Évolution"],
        territoire.map((l) => [`${l.libelle} [${l.note}]`, texteCellule(l.valeur), l.annee ?? "", texteCellule(l.departement), texteCellule(l.france), l.tendance?.texte ?? "—"]),
        [32, 16, 9, 13, 13, 17], (k) => k > 0 && k < 5));
    }
    // Figures on part of the territory: below, with the communes they cover, never as the territory's.
    if (partielles.length) {
      out.push(texte(TITRE_PARTIELLES, {gras: true, taille: 16}));
      out.push(tableau(["Indicateur", "Valeur", "Année", "Communes couvertes", "Évolution"],
        partielles.map((l) => [`${l.libelle} [${l.note}]`, texteCellule(l.valeur), l.annee ?? "", l.perimetre ?? "", l.tendance?.texte ?? "—"]),
        [32, 14, 9, 28, 17], (k) => k > 0 && k < 3));
    }
    const pairs = renouvellement.pairs?.parSection[s.id as Section];
    if (pairs?.length) {
      out.push(texte("Position parmi les pairs (définis en tête du document) :", {italique: true, taille: 16, suivant: true}));
      out.push(tableau(["Indicateur (année)", "Valeur", "Rang", "Centile", "Médiane des pairs", "1er – 3e quartile"],
        pairs.map((l) => [`${l.libelle} (${l.annee})`, l.valeur, l.rang, l.centile, l.mediane, l.quartiles]), [34, 12, 14, 12, 12, 16]));
    }
    if (s.absents.length) out.push(texte(`Non disponibles dans les données chargées : ${s.absents.map((a) => a.libelle.toLowerCase()).join(", ")}.`, {italique: true, taille: 16}));
    // Where the analysts wrote nothing, the readings generated from the numbers, said as such.
    const lectures = s.textes.length ? [] : s.lignes.filter((l) => !l.lecture.startsWith("Une seule année"));
    if (lectures.length) {
      out.push(texte("Lectures générées automatiquement à partir des chiffres :", {italique: true, taille: 16}));
      out.push(...lectures.map((l) => new Paragraph({bullet: {level: 0}, children: [new TextRun({text: `${l.libelle} : ${l.lecture}`, italics: true, size: 16, font: POLICE})]})));
    }
    return out;
  }

  // ── the document ──
  const titre: (Paragraph | Table)[] = [
    new Paragraph({heading: HeadingLevel.TITLE, children: [new TextRun({text: "Annexe 1 – Diagnostic partagé", font: POLICE})]}),
    new Paragraph({heading: HeadingLevel.HEADING_1, children: [new TextRun({text: e.territoire, font: POLICE})]}),
    texte(`Communes (${e.communes.length}) : ${e.communes.join(", ")}.`, {taille: 18}),
    texte(`Millésimes : ${e.millesimes}. Édité le ${e.date} par l'Observatoire CTG.`, {taille: 18}),
    texte(`Sources : ${a.notes.length} sources numérotées en fin de document, appelées entre crochets [n]. ${LEGENDE_DRAPEAUX}`, {taille: 18}),
    ...(renouvellement.pairs ? [texte(`Position parmi les pairs : ${renouvellement.pairs.libelle}. Chaque valeur est celle du territoire entier (un taux : Σ numérateurs / Σ dénominateurs de ses communes), à la même année pour tous ; rang 1 = valeur la plus haute ; centile : part des pairs sous la valeur (ex æquo pour moitié).`, {taille: 18})] : [])
  ];
  // The previous convention's period: one table, its warnings said once each as numbered notes.
  const p = renouvellement.periode;
  const periode: (Paragraph | Table)[] = p?.lignes.length ? [
    new Paragraph({heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun({text: `Évolution sur la période ${p.periode.debut}–${p.periode.fin}`, font: POLICE})]}),
    texte(`Période : ${p.origine}. Chaque indicateur à l'année disponible la plus proche du début et de la fin ; périmètre communal actuel aux deux dates. Taux : écart en points ; effectifs et montants : écart et évolution en %.`, {italique: true, taille: 16, suivant: true}),
    tableau(["Indicateur", "Début", "Fin", "Écart", "Notes"],
      p.lignes.map((l) => [l.libelle, l.debut, l.fin, l.ecart, l.notes.map((n) => `(${n})`).join(" ")]), [36, 18, 18, 18, 10], (k) => k > 0 && k < 4),
    ...p.notes.map((n, k) => texte(`(${k + 1}) ${n}`, {italique: true, taille: 16})),
    ...(p.sansEvolution ? [texte(`${p.sansEvolution} autres indicateurs ne sont connus qu'à une date de la période, ou à aucune : pas d'évolution calculable.`, {italique: true, taille: 16})] : [])
  ] : [];
  const notes = [
    new Paragraph({heading: HeadingLevel.HEADING_2, children: [new TextRun({text: "Sources", font: POLICE})]}),
    ...a.notes.map((n, k) => texte(`[${k + 1}] ${n}`, {taille: 16}))
  ];
  const details = a.sections.filter((s) => s.detail);
  const annexe: Docx.ISectionOptions[] = details.length ? [{
    properties: {page: {size: {orientation: PageOrientation.PORTRAIT}}},
    children: [
      new Paragraph({heading: HeadingLevel.HEADING_1, children: [new TextRun({text: "Annexe : détail par commune", font: POLICE})]}),
      ...details.flatMap((s) => [
        new Paragraph({heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun({text: s.titre, font: POLICE})]}),
        tableau(["Commune", ...s.detail!.colonnes.map((c) => `${c.libelle} (${c.annee})`)], s.detail!.lignes.map((l) => [l.nom, ...l.valeurs.map(texteCellule)]),
          [40, ...s.detail!.colonnes.map(() => Math.floor(60 / s.detail!.colonnes.length))])
      ])
    ]
  }] : [];
  return new Document({
    creator: "Observatoire CTG", title: `Annexe 1 – Diagnostic partagé – ${e.territoire}`, language: "fr-FR",
    styles: {default: {document: {run: {font: POLICE, size: 20}}}},
    sections: [{children: [...titre, ...a.sections.flatMap(section), ...periode, ...notes]}, ...annexe]
  } as ConstructorParameters<typeof Document>[0]);
}
