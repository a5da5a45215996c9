// Territory picker: a search field and a list of matches. Its value is a territory id
// ("epci:200067437"); it dispatches "input" like any Observable input, and keeps the
// choice in the URL (?t=…) so a COPIL member can share what they see.
import {html} from "htl";
import type {IndexTerritoires} from "../lib/index-territoires.js";
import {entreesRecherche, rechercher, type Resultat} from "../lib/recherche.js";

export function territoireDepuisUrl(defaut: string): string {
  return new URLSearchParams(location.search).get("t") ?? defaut;
}

/**
 * "Loading" line shown while a territory's files arrive (about a second; several for France).
 * A page displays it in a cell that reads the choice, and removes it once the data is there.
 */
export function messageChargement(id: string): HTMLElement {
  return html`<p class="chargement" role="status" data-territoire=${id}>Chargement des données du territoire…</p>`;
}

let compteur = 0;

export interface OptionsSelecteur {
  value: string;
  /** URL parameter holding the choice (null: the page manages the URL itself). */
  parametre?: string | null;
  libelle?: string;
}

export function selecteurTerritoire(index: IndexTerritoires, {value, parametre = "t", libelle: titre = "Rechercher un territoire"}: OptionsSelecteur): HTMLElement {
  const entrees = entreesRecherche(index);
  const libelle = (id: string) => entrees.find((e) => e.id === id)?.nom ?? id;
  const n = compteur++;
  const idChamp = n ? `recherche-territoire-${n}` : "recherche-territoire";
  const champ = html`<input type="search" id=${idChamp} autocomplete="off" placeholder="Nom ou code : Digne, 04070, 200067437, Alpes-de-Haute-Provence…" aria-describedby=${`aide-${idChamp}`}>` as HTMLInputElement;
  const liste = html`<ul class="resultats" role="listbox" aria-label="Territoires trouvés"></ul>` as HTMLUListElement;
  const actuel = html`<p class="territoire-actuel" aria-live="polite"></p>` as HTMLParagraphElement;
  const form = html`<form class="selecteur-territoire" role="search" onsubmit=${(e: Event) => e.preventDefault()}>
    <label for=${idChamp}>${titre}</label>
    ${champ}
    <small id=${`aide-${idChamp}`}>Commune, EPCI, département, région ou territoire CTG.</small>
    ${liste}${actuel}
  </form>` as HTMLFormElement & {value: string};

  const choisir = (r: Resultat) => {
    form.value = r.id;
    actuel.textContent = `Territoire affiché : ${r.nom}`;
    if (parametre) {
      const url = new URL(location.href);
      url.searchParams.set(parametre, r.id);
      history.replaceState(null, "", url);
    }
    form.dispatchEvent(new Event("input", {bubbles: true}));
    champ.value = "";
    liste.replaceChildren();
  };
  const afficher = () => {
    if (!champ.value.trim() && document.activeElement !== champ) return liste.replaceChildren();
    liste.replaceChildren(
      ...rechercher(entrees, champ.value).map((r) =>
        html`<li><button type="button" data-id=${r.id} onmousedown=${(e: Event) => e.preventDefault()} onclick=${() => choisir(r)}><strong>${r.nom}</strong> <span>${r.precision}</span></button></li>`
      )
    );
  };
  // Matches are listed once the user types or focuses the field, so several pickers fit on a page.
  champ.addEventListener("input", (e) => {
    e.stopPropagation();
    afficher();
  });
  champ.addEventListener("focus", afficher);
  form.value = value;
  actuel.textContent = value ? `Territoire affiché : ${libelle(value)}` : "Aucun territoire choisi";
  afficher();
  return form;
}
