// Command-line options of both CLIs (npm run data, npm run ctg) read with Node's parseArgs,
// whose errors are English: they are said again in French, naming the option and the fix.
import {parseArgs, type ParseArgsConfig} from "node:util";

export class ErreurOption extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ErreurOption";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function lireOptions<O extends Options>(args: string[], options: O, positionnels: boolean) {
  try {
    return parseArgs({args, options, allowPositionals: positionnels, strict: true});
  } catch (e) {
    throw new ErreurOption(messageOption(e as Error & {code?: string}, options));
  }
}

export function messageOption(e: Error & {code?: string}, options: Options): string {
  const option = /'(-{1,2}[^'\s]+)/.exec(e.message)?.[1] ?? "";
  const nom = option.replace(/^-+/, "");
  const connues = Object.keys(options).map((o) => `--${o}`).join(", ");
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Option inconnue : ${option}. Options possibles : ${connues}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return options[nom]?.type === "string"
        ? `L'option ${option} attend une valeur (${option} <valeur>).`
        : `L'option ${option} ne prend pas de valeur.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Argument inattendu : ${/'([^']*)'/.exec(e.message)?.[1] ?? e.message}. Cette commande ne prend que des options (${connues}).`;
    default:
      return `Options illisibles : ${e.message}`;
  }
}

/** A year given as an option (--millesime 2023): four digits, else a French error. */
export function anneeOption(nom: string, valeur: string | undefined): number | undefined {
  if (valeur == null) return undefined;
  if (!/^\d{4}$/.test(valeur.trim())) throw new ErreurOption(`--${nom} « ${valeur} » : une année sur quatre chiffres est attendue (par exemple --${nom} 2023).`);
  return Number(valeur);
}
