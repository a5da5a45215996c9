// What lies below a page's first figures (maps, peers) is fetched when it comes near the screen, not on
// first load: a placeholder holds its place until then. No chart library here: a page that draws nothing
// before that point (the comparison) keeps Plot out of its first bundle.
import {html} from "htl";

/** A box `hauteur` px high saying what is coming (hidden in print). */
export function placeARemplir(message: string, hauteur: number): HTMLDivElement {
  return html`<div class="carte-a-venir" style=${`min-height:${hauteur}px`} role="status">${message}</div>` as HTMLDivElement;
}

/**
 * Past the first figures, what is below them is fetched anyway: a reader who prints the page without
 * scrolling (the COPIL's printout) must get the maps and peers too, and a browser lays out a printout
 * without waiting for anything fetched once printing has begun.
 */
const APRES_CHARGEMENT_MS = 8000;

/** Resolves when `element` comes within 300 px of the screen, when printing begins, or 8 s after the page has loaded. */
export function quandProche(element: Element): Promise<void> {
  return new Promise((resoudre) => {
    const observateur = new IntersectionObserver((entrees) => {
      if (entrees.some((e) => e.isIntersecting)) fin();
    }, {rootMargin: "300px"});
    const plusTard = () => setTimeout(fin, APRES_CHARGEMENT_MS);
    function fin() {
      observateur.disconnect();
      removeEventListener("beforeprint", fin);
      removeEventListener("load", plusTard);
      resoudre();
    }
    observateur.observe(element);
    addEventListener("beforeprint", fin);
    if (document.readyState === "complete") plusTard();
    else addEventListener("load", plusTard, {once: true});
  });
}

/**
 * Resolves once the browser has drawn what the page holds (its next frame, then a new task), so that work
 * that can wait (the sections below the first figures, charts) does not hold back their first paint. A hidden
 * tab draws no frame: 100 ms at most then; at once when printing begins (the work then runs before the print's layout).
 */
export function apresAffichage(): Promise<void> {
  return new Promise((resoudre) => {
    const fin = () => {
      clearTimeout(minuteur);
      removeEventListener("beforeprint", fin);
      resoudre();
    };
    const minuteur = setTimeout(fin, 100);
    requestAnimationFrame(() => setTimeout(fin, 0));
    addEventListener("beforeprint", fin);
  });
}

/** A placeholder that `creer()` replaces when it comes near the screen. `creer` may find nothing to show (null). */
export function aLaDemande(creer: () => Promise<HTMLElement | null>, {hauteur, message, erreur}: {hauteur: number; message: string; erreur: string}): HTMLElement {
  const place = placeARemplir(message, hauteur);
  quandProche(place).then(creer).then((el) => (el ? place.replaceWith(el) : place.remove()), (e) => (place.textContent = `${erreur} : ${e instanceof Error ? e.message : String(e)}`));
  return place;
}

/**
 * A map drawn when it comes near the screen: its contours (the heaviest file of a territory) are fetched then,
 * not on the page's first load. Until then a box of the map's height holds its place.
 */
export function carteALaDemande(creer: () => Promise<HTMLElement>, {hauteur = 360} = {}): HTMLElement {
  return aLaDemande(creer, {hauteur, message: "Carte des communes : chargement des contours…", erreur: "Carte indisponible"});
}
