// Territory picker: a search field and a list of matches. Its value is a territory id
// ("epci:200067437"); it dispatches "input" like any Observable input, and keeps the
// choice in the URL (?t=…) so a COPIL member can share what they see.
import {html} from "htl";
import type {IndexTerritoires} from "../lib/index-territoires.js";
import {formatCommunes} from "../lib/format.js";
import {communesDuGroupe, entreesRecherche, groupeDepuisCodes, rechercher, rechercherCommunes, type Resultat} from "../lib/recherche.js";
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

/** The detail by commune of a territory shown from its build-time figures was asked for (?detail=communes: kept by a reload or a shared link). */
export const detailCommunesDemande = (): boolean => parametreUrl("detail") === "communes";

export type BoutonDetail = HTMLElement & {value: boolean; detailAffiche: () => void};

/**
 * For a territory shown from its build-time figures (`actif`: a département on the diagnostic, France or a région
 * on the home page): a button that asks for its detail by commune, which needs its communes' files. Its value
 * (false, then true once clicked) is read by the page's loading cell, which calls detailAffiche() once the detail
 * is there; when not `actif`, an empty element whose value is false.
 */
export function boutonDetailCommunes(actif: boolean, message: string): BoutonDetail {
  const demande = detailCommunesDemande();
  const bloc = html`<div class="detail-communes no-print"></div>` as BoutonDetail;
  bloc.value = demande;
  // The button gives way to a status line that keeps the keyboard focus (the button is gone) and says when the detail is there.
  const etat = html`<p class="chargement" role="status" tabindex="-1">Chargement du détail par commune…</p>`;
  bloc.detailAffiche = () => {
    if (!etat.isConnected) return; // the button stays until it has been used
    etat.className = "description";
    etat.textContent = "Détail par commune affiché ci-dessous.";
  };
  if (!actif || demande) return bloc;
  const bouton = html`<button type="button" class="telechargement">Afficher le détail par commune</button>`;
  bouton.addEventListener("click", () => {
    const url = new URL(location.href);
    url.searchParams.set("detail", "communes");
    history.replaceState(null, "", url);
    bloc.value = true;
    bloc.replaceChildren(etat);
    etat.focus();
    bloc.dispatchEvent(new Event("input", {bubbles: true}));
  });
  bloc.append(html`<p class="description">${message}</p>`, bouton);
  return bloc;
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
  /** A "Retirer" button empties the choice (several pickers on one page, e.g. /comparer). */
  retirable?: boolean;
}

/**
 * The search entries of an index that gains communes slice by slice (src/components/chargement-index.ts),
 * maybe from another picker of the page: computed again when it has grown.
 */
function entreesSuivies(index: IndexTerritoires): () => Resultat[] {
  let entrees: Resultat[] = [];
  let taille = -1;
  return () => {
    const n = index.communes.code.length + (index.rattaches?.code.length ?? 0);
    if (n !== taille) [entrees, taille] = [entreesRecherche(index), n];
    return entrees;
  };
}

interface ListeProposee {
  /** Lists the matches of the field's text now (on typing, focus or an arrow key). */
  afficher: () => void;
  fermer: () => void;
}

/**
 * A combobox (WAI-ARIA APG) on a search field and its listbox: arrows move among the matches,
 * Enter (or a click) chooses, Escape closes the list. `chercher` gives the matches of the text
 * (an empty field, focused, lists what `chercher("")` gives) and lines to show above them (e.g.
 * unknown codes). The communes a text needs arrive in a slice or two of the index, fetched for it
 * (`index`): the matches are searched again then, if the text is still the same.
 */
function listeProposee(champ: HTMLInputElement, liste: HTMLUListElement, index: IndexTerritoires, chercher: (texte: string) => {resultats: Resultat[]; avant?: Node[]}, choisir: (r: Resultat) => void): ListeProposee {
  let resultats: Resultat[] = [];
  let actif = -1;
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
    const trouve = chercher(champ.value);
    resultats = trouve.resultats;
    actif = -1;
    champ.removeAttribute("aria-activedescendant");
    champ.setAttribute("aria-expanded", String(resultats.length > 0));
    liste.replaceChildren(
      ...(trouve.avant ?? []),
      ...resultats.map((r, k) =>
        html`<li role="option" id=${`${champ.id}-option-${k}`} aria-selected="false" data-id=${r.id} onmousedown=${(e: Event) => e.preventDefault()} onclick=${() => choisir(r)}><strong>${r.nom}</strong> <span>${r.precision}</span></li>`
      )
    );
    const requete = champ.value;
    if (requete.trim()) completerPourRecherche(index, requete).then((ajout) => ajout && champ.value === requete && afficher(), () => {});
  };
  // Matches are listed once the user types or focuses the field, so several pickers fit on a page.
  champ.addEventListener("input", (e) => {
    e.stopPropagation(); // the field's text is not the picker's value
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
  return {afficher, fermer};
}

/**
 * An ad-hoc group composed by name: a commune search (a combobox), the communes chosen with a
 * button each to remove them, and a button that shows the group (the same "communes:…" id as
 * pasted codes, so the same URL). Starts from the group shown, if it is one.
 */
function composerGroupe(index: IndexTerritoires, entrees: () => Resultat[], idChamp: string, value: string, montrer: (r: Resultat) => void): HTMLElement {
  const communes = () => entrees().filter((e) => e.type === "commune");
  const choisies = new Map(communesDuGroupe(entrees(), value).map((c) => [c.id, c]));
  const idGroupe = `groupe-${idChamp}`;
  const champ = html`<input type="search" id=${idGroupe} autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls=${`liste-${idGroupe}`}
    placeholder="Nom ou code d'une commune : Aiglun, 04070…">` as HTMLInputElement;
  const liste = html`<ul class="resultats" id=${`liste-${idGroupe}`} role="listbox" aria-label="Communes trouvées"></ul>` as HTMLUListElement;
  const puces = html`<ul class="communes-choisies" aria-label="Communes du groupe"></ul>` as HTMLUListElement;
  const etat = html`<p class="etat-groupe" aria-live="polite"></p>` as HTMLParagraphElement;
  const afficherGroupe = html`<button type="button" class="afficher-groupe"></button>` as HTMLButtonElement;
  const groupe = () => groupeDepuisCodes(index, [...choisies.values()].map((c) => c.id.slice(8)).join(","))?.resultat ?? null;
  const dessiner = () => {
    puces.replaceChildren(...[...choisies.values()].map((c) => html`<li data-id=${c.id}>${c.nom} <small>(${c.id.slice(8)})</small>
      <button type="button" class="retirer-commune" aria-label=${`Retirer ${c.nom} du groupe`} onclick=${() => retirer(c.id)}>×</button></li>`));
    const n = choisies.size;
    etat.textContent = n ? `${formatCommunes(n)} dans le groupe.` : "";
    afficherGroupe.disabled = n < 2;
    afficherGroupe.textContent = n < 2 ? "Choisissez au moins deux communes" : `Afficher ce groupe de ${formatCommunes(n)}`;
  };
  const retirer = (id: string) => {
    const ordre = [...choisies.keys()];
    choisies.delete(id);
    dessiner();
    // Focus stays in the list: on the next commune's button, else the search field.
    const suivant = ordre[ordre.indexOf(id) + 1] ?? ordre[ordre.indexOf(id) - 1];
    (puces.querySelector<HTMLElement>(`li[data-id="${suivant}"] button`) ?? champ).focus();
  };
  const proposee = listeProposee(champ, liste, index, (texte) => ({resultats: rechercherCommunes(communes(), texte, new Set(choisies.keys()))}), (r) => {
    // A former commune's entry adds today's commune, under its own name.
    const c = r.id === `commune:${r.code}` ? r : communes().find((e) => e.id === r.id && e.id === `commune:${e.code}`) ?? r;
    choisies.set(c.id, c);
    champ.value = "";
    proposee.fermer();
    dessiner();
  });
  afficherGroupe.addEventListener("click", () => {
    const g = groupe();
    if (g) montrer(g);
  });
  dessiner();
  // The group shown's communes are named once their slices of the index have arrived (the selector fetches them).
  if (value.startsWith("communes:") && !choisies.size) {
    completerPourTerritoires(index, [value]).then(() => {
      if (choisies.size) return; // the user started composing meanwhile
      for (const c of communesDuGroupe(entrees(), value)) choisies.set(c.id, c);
      dessiner();
    }, () => {});
  }
  return html`<details class="composer-groupe">
    <summary>Composer un groupe de communes par leur nom</summary>
    <label for=${idGroupe}>Ajouter une commune</label>
    ${champ}${liste}${puces}${etat}${afficherGroupe}
  </details>`;
}

export function selecteurTerritoire(index: IndexTerritoires, {value, parametre = "t", libelle: titre = "Rechercher un territoire", retirable = false}: OptionsSelecteur): HTMLElement {
  const entrees = entreesSuivies(index);
  const libelle = (id: string) => entrees().find((e) => e.id === id)?.nom ?? (id.startsWith("communes:") ? groupeDepuisCodes(index, id.slice(9))?.resultat?.nom : null) ?? id;
  const n = compteur++;
  const idChamp = n ? `recherche-territoire-${n}` : "recherche-territoire";
  const champ = html`<input type="search" id=${idChamp} autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls=${`liste-${idChamp}`}
    placeholder="Nom ou code : Digne, 04070, 200067437, Alpes-de-Haute-Provence…" aria-describedby=${`aide-${idChamp}`}>` as HTMLInputElement;
  const liste = html`<ul class="resultats" id=${`liste-${idChamp}`} role="listbox" aria-label="Territoires trouvés"></ul>` as HTMLUListElement;
  const texteActuel = html`<span></span>` as HTMLSpanElement;
  const retirer = html`<button type="button" class="retirer">Retirer</button>` as HTMLButtonElement;
  const actuel = html`<p class="territoire-actuel" aria-live="polite" tabindex="-1">${texteActuel} ${retirable ? retirer : ""}</p>` as HTMLParagraphElement;

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
    proposee.fermer();
    // Focus goes to the choice just made, where the new content starts (not back to the top of the list).
    actuel.focus();
  };
  const proposee = listeProposee(champ, liste, index, (texte) => {
    // A pasted list of codes is a group to build, not a name to look for.
    const groupe = groupeDepuisCodes(index, texte);
    const k = groupe?.inconnus.length ?? 0;
    return {
      resultats: groupe ? (groupe.resultat ? [groupe.resultat] : []) : rechercher(entrees(), texte),
      avant: k ? [html`<li class="alerte" role="presentation">Code${k > 1 ? "s" : ""} inconnu${k > 1 ? "s" : ""}, ignoré${k > 1 ? "s" : ""} : ${groupe!.inconnus.join(", ")}</li>`] : []
    };
  }, choisir);
  const form = html`<form class="selecteur-territoire" role="search" onsubmit=${(e: Event) => e.preventDefault()}>
    <label for=${idChamp}>${titre}</label>
    ${champ}
    <small id=${`aide-${idChamp}`}>Commune, EPCI, département, région ou territoire CTG ; pour un groupe, collez les codes INSEE de ses communes (04070, 04049, …) ou composez-le ci-dessous.</small>
    ${liste}${actuel}${composerGroupe(index, entrees, idChamp, value, choisir)}
  </form>` as HTMLFormElement & {value: string};
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
  proposee.afficher();
  return form;
}
