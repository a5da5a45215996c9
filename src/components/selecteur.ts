// Territory picker: a search field and a list of matches. Its value is a territory id
// ("epci:200067437"); it dispatches "input" like any Observable input, and keeps the
// choice in the URL (?t=…) so a COPIL member can share what they see.
import {html} from "htl";
import type {IndexTerritoires} from "./index-territoires.js";
import {entreesRecherche, rechercher, type Resultat} from "./recherche.js";

export function territoireDepuisUrl(defaut: string): string {
  return new URLSearchParams(location.search).get("t") ?? defaut;
}

export function selecteurTerritoire(index: IndexTerritoires, {value}: {value: string}): HTMLElement {
  const entrees = entreesRecherche(index);
  const libelle = (id: string) => entrees.find((e) => e.id === id)?.nom ?? id;
  const champ = html`<input type="search" id="recherche-territoire" autocomplete="off" placeholder="Nom ou code : Digne, 04070, 200067437, Alpes-de-Haute-Provence…" aria-describedby="aide-recherche">` as HTMLInputElement;
  const liste = html`<ul class="resultats" role="listbox" aria-label="Territoires trouvés"></ul>` as HTMLUListElement;
  const actuel = html`<p class="territoire-actuel" aria-live="polite"></p>` as HTMLParagraphElement;
  const form = html`<form class="selecteur-territoire" role="search" onsubmit=${(e: Event) => e.preventDefault()}>
    <label for="recherche-territoire">Rechercher un territoire</label>
    ${champ}
    <small id="aide-recherche">Commune, EPCI, département, région ou territoire CTG.</small>
    ${liste}${actuel}
  </form>` as HTMLFormElement & {value: string};

  const choisir = (r: Resultat) => {
    form.value = r.id;
    actuel.textContent = `Territoire affiché : ${r.nom}`;
    const url = new URL(location.href);
    url.searchParams.set("t", r.id);
    history.replaceState(null, "", url);
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const afficher = () => {
    liste.replaceChildren(
      ...rechercher(entrees, champ.value).map((r) =>
        html`<li><button type="button" data-id=${r.id} onclick=${() => choisir(r)}><strong>${r.nom}</strong> <span>${r.precision}</span></button></li>`
      )
    );
  };
  champ.addEventListener("input", (e) => {
    e.stopPropagation();
    afficher();
  });
  form.value = value;
  actuel.textContent = `Territoire affiché : ${libelle(value)}`;
  afficher();
  return form;
}
