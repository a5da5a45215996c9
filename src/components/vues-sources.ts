// The list of loaded sources (methodology page): what was read, from where, how much.
import {html} from "htl";
import {defilant} from "./defilant.js";
import {formatEntier} from "../lib/format.js";
import type {SourceAffichee} from "../lib/sources.js";

export function tableauSources(sources: SourceAffichee[]): HTMLElement {
  return defilant(html`<table class="sources"><caption>Fichiers lus lors de la dernière construction de l'entrepôt</caption>
    <thead><tr><th scope="col">Source</th><th scope="col">Millésime</th><th scope="col" class="nombre">Lignes lues</th><th scope="col" class="nombre">Chargées</th><th scope="col" class="nombre">Rejetées</th></tr></thead>
    <tbody>${sources.map((s) => html`<tr>
      <td><strong>${s.titre}</strong><br><small>${s.editeur} — <a href=${s.url}>${s.fichier}</a> — chargé le ${s.recupere_le} — SHA-256 <code title=${s.sha256}>${s.sha256.slice(0, 12)}…</code></small>
        ${s.note ? html`<br><small class="note">${s.note}</small>` : ""}</td>
      <td>${s.millesime}</td>
      <td class="nombre">${formatEntier(s.lignes_lues)}</td>
      <td class="nombre">${formatEntier(s.lignes_chargees)}</td>
      <td class="nombre">${formatEntier(s.lignes_rejetees)}${s.lignes_hors_champ ? html`<br><small>${formatEntier(s.lignes_hors_champ)} hors champ</small>` : ""}</td>
    </tr>`)}</tbody></table>`);
}
