// Territory picker: a search field and a list of matches. Its value is a territory id
// ("epci:200067437"); it dispatches "input" like any Observable input, and keeps the
// choice in the URL (?t=…) so a COPIL member can share what they see.
import {html} from "htl";
import type {IndexTerritoires} from "../lib/index-territoires.js";
import {entreesRecherche, groupeDepuisCodes, rechercher, type Resultat} from "../lib/recherche.js";
import {completerPourRecherche, completerPourTerritoires} from "./chargement-index.js";

export function territoireDepuisUrl(defaut: string): string {
  return new URLSearchParams(location.search).get("t") ?? defaut;
}

/**
 * Keeps an input's value in the URL (?nom=…) so that a reload or a shared link shows the
 * same thing: `depuis` reads the parameter back into a value (undefined: the default).
 */
export function lierUrl<T extends HTMLElement & {value: unknown}>(input: T, nom: string, versTexte: (v: T["value"]) => string): T {
  input.addEventListener("input", () => {
    const url = new URL(location.href);
    url.searchParams.set(nom, versTexte(input.value));
    history.replaceState(null, "", url);
  });
  return input;
}

export const parametreUrl = (nom: string): string | null => new URLSearchParams(location.search).get(nom);

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
  /** A "Retirer" button empties the choice (several pickers on one page, e.g. /comparer). */
  retirable?: boolean;
}

export function selecteurTerritoire(index: IndexTerritoires, {value, parametre = "t", libelle: titre = "Rechercher un territoire", retirable = false}: OptionsSelecteur): HTMLElement {
  // The index gains communes slice by slice (src/components/chargement-index.ts), maybe from another picker of the page: entries follow.
  let entrees: Resultat[] = [];
  let taille = -1;
  const entreesAJour = () => {
    const n = index.communes.code.length + (index.rattaches?.code.length ?? 0);
    if (n !== taille) [entrees, taille] = [entreesRecherche(index), n];
    return entrees;
  };
  const libelle = (id: string) => entreesAJour().find((e) => e.id === id)?.nom ?? (id.startsWith("communes:") ? groupeDepuisCodes(index, id.slice(9))?.resultat?.nom : null) ?? id;
  const n = compteur++;
  const idChamp = n ? `recherche-territoire-${n}` : "recherche-territoire";
  // A combobox (WAI-ARIA APG): arrows move among the matches, Enter chooses, Escape closes the list.
  const champ = html`<input type="search" id=${idChamp} autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls=${`liste-${idChamp}`}
    placeholder="Nom ou code : Digne, 04070, 200067437, Alpes-de-Haute-Provence…" aria-describedby=${`aide-${idChamp}`}>` as HTMLInputElement;
  const liste = html`<ul class="resultats" id=${`liste-${idChamp}`} role="listbox" aria-label="Territoires trouvés"></ul>` as HTMLUListElement;
  let resultats: Resultat[] = [];
  let actif = -1;
  const texteActuel = html`<span></span>` as HTMLSpanElement;
  const retirer = html`<button type="button" class="retirer">Retirer</button>` as HTMLButtonElement;
  const actuel = html`<p class="territoire-actuel" aria-live="polite" tabindex="-1">${texteActuel} ${retirable ? retirer : ""}</p>` as HTMLParagraphElement;
  const form = html`<form class="selecteur-territoire" role="search" onsubmit=${(e: Event) => e.preventDefault()}>
    <label for=${idChamp}>${titre}</label>
    ${champ}
    <small id=${`aide-${idChamp}`}>Commune, EPCI, département, région ou territoire CTG ; pour un groupe, collez les codes INSEE de ses communes (04070, 04049, …).</small>
    ${liste}${actuel}
  </form>` as HTMLFormElement & {value: string};

  const choisir = (r: Resultat) => {
    form.value = r.id;
    texteActuel.textContent = `Territoire affiché : ${r.nom}`;
    retirer.hidden = false;
    if (parametre) {
      const url = new URL(location.href);
      url.searchParams.set(parametre, r.id);
      history.replaceState(null, "", url);
    }
    form.dispatchEvent(new Event("input", {bubbles: true}));
    champ.value = "";
    fermer();
    // Focus goes to the choice just made, where the new content starts (not back to the top of the list).
    actuel.focus();
  };
  const fermer = () => {
    resultats = [];
    actif = -1;
    liste.replaceChildren();
    champ.setAttribute("aria-expanded", "false");
    champ.removeAttribute("aria-activedescendant");
  };
  const activer = (k: number) => {
    const options = [...liste.querySelectorAll<HTMLElement>("[role=option]")];
    if (!options.length) return;
    actif = (k + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === actif)));
    champ.setAttribute("aria-activedescendant", options[actif]!.id);
    options[actif]!.scrollIntoView({block: "nearest"});
  };
  const afficher = () => {
    if (!champ.value.trim() && document.activeElement !== champ) return fermer();
    // A pasted list of codes is a group to build, not a name to look for.
    const groupe = groupeDepuisCodes(index, champ.value);
    resultats = groupe ? (groupe.resultat ? [groupe.resultat] : []) : rechercher(entreesAJour(), champ.value);
    actif = -1;
    champ.removeAttribute("aria-activedescendant");
    champ.setAttribute("aria-expanded", String(resultats.length > 0));
    liste.replaceChildren(
      ...(groupe?.inconnus.length ? [html`<li class="alerte" role="presentation">Code${groupe.inconnus.length > 1 ? "s" : ""} inconnu${groupe.inconnus.length > 1 ? "s" : ""}, ignoré${groupe.inconnus.length > 1 ? "s" : ""} : ${groupe.inconnus.join(", ")}</li>`] : []),
      ...resultats.map((r, k) =>
        html`<li role="option" id=${`${idChamp}-option-${k}`} aria-selected="false" data-id=${r.id} onmousedown=${(e: Event) => e.preventDefault()} onclick=${() => choisir(r)}><strong>${r.nom}</strong> <span>${r.precision}</span></li>`
      )
    );
    // The communes this search needs arrive in a slice or two of the index: search again then, if the text is still the same.
    const requete = champ.value;
    if (requete.trim()) completerPourRecherche(index, requete).then((ajout) => ajout && champ.value === requete && afficher(), () => {});
  };
  // Matches are listed once the user types or focuses the field, so several pickers fit on a page.
  champ.addEventListener("input", (e) => {
    e.stopPropagation();
    afficher();
  });
  champ.addEventListener("focus", afficher);
  champ.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!resultats.length) afficher();
      activer(actif + (e.key === "ArrowDown" ? 1 : actif < 0 ? 0 : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const r = resultats[actif] ?? (resultats.length === 1 ? resultats[0] : undefined);
      if (r) choisir(r);
    } else if (e.key === "Escape") {
      e.preventDefault();
      fermer();
    }
  });
  champ.addEventListener("blur", () => setTimeout(() => document.activeElement !== champ && !champ.value.trim() && fermer(), 150));
  retirer.addEventListener("click", () => {
    form.value = "";
    texteActuel.textContent = "Aucun territoire choisi";
    retirer.hidden = true;
    form.dispatchEvent(new Event("input", {bubbles: true}));
  });
  form.value = value;
  texteActuel.textContent = value ? `Territoire affiché : ${libelle(value)}` : "Aucun territoire choisi";
  // A commune's name is in its slice of the index, fetched for it.
  if (value) completerPourTerritoires(index, [value]).then((ajout) => ajout && form.value === value && (texteActuel.textContent = `Territoire affiché : ${libelle(value)}`), () => {});
  retirer.hidden = !value;
  afficher();
  return form;
}
