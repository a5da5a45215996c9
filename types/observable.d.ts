// Minimal types for the Observable libraries that ship none.
declare module "htl" {
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}
declare module "@observablehq/inputs" {
  type Options = Record<string, unknown>;
  export function table(data: readonly unknown[], options?: Options): HTMLElement;
  export function select(data: readonly unknown[] | Map<unknown, unknown>, options?: Options): HTMLElement & {value: unknown};
  export function radio(data: readonly unknown[] | Map<unknown, unknown>, options?: Options): HTMLElement & {value: unknown};
  export function range(extent: [number, number], options?: Options): HTMLElement & {value: number};
  export function text(options?: Options): HTMLElement & {value: string};
  export function button(content: unknown, options?: Options): HTMLElement;
  export function checkbox(data: readonly unknown[], options?: Options): HTMLElement & {value: unknown[]};
  export function toggle(options?: Options): HTMLElement & {value: boolean};
  export function number(extent?: [number, number], options?: Options): HTMLElement & {value: number};
  export function form(inputs: unknown[] | Record<string, unknown>, options?: Options): HTMLElement & {value: unknown};
}
