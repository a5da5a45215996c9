/**
 * A chart's width from the page's (Framework's `width`, or `resize`'s): kept within bounds,
 * because it is 0 before layout and Plot would then draw rectangles of negative width.
 */
export const largeurGraphique = (largeur: number, max = 900, min = 320): number => Math.max(min, Math.min(largeur, max));
