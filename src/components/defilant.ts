// A wide table's own scroll container: on a phone the table scrolls sideways inside it, not the page.
import {html} from "htl";

/**
 * `table` in a container that scrolls sideways when the screen is narrower than the table. The
 * container takes the keyboard focus, so the arrow keys scroll it (WCAG 2.1.1, axe's
 * scrollable-region-focusable), and is named after the table's caption.
 */
export function defilant(table: HTMLElement): HTMLElement {
  const nom = table.querySelector("caption")?.textContent?.replace(/\s+/g, " ").trim() || "Tableau";
  return html`<div class="tableau-defilant" tabindex="0" role="region" aria-label=${nom}>${table}</div>`;
}
