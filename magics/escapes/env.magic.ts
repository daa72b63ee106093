/** %env: the kernel's environment, which the commands of ! lines and %%bash inherit. */
import { closestWord } from "../../common/closest-word";
import type { LineMagic } from "../framework/magic";
import { UsageError } from "../framework/usage-error";

/** Values not shown by the listing, as IPython hides them: names that look like secrets. */
const SECRET_NAME = /key|token|secret|passw/i;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const USAGE = "%env lists the environment, %env NAME gives a variable, %env NAME=value (or %env NAME value) sets one";

function checkedName(name: string): string {
  if (!VARIABLE_NAME.test(name)) throw new UsageError(`%env: ${JSON.stringify(name)} is not a variable name (letters, digits and _, not starting with a digit); ${USAGE}`);
  return name;
}

/** Every variable, sorted, with the values of likely secrets hidden. */
function listing(): Record<string, string> {
  const names = Object.keys(process.env).sort();
  return Object.fromEntries(names.map((name) => [name, SECRET_NAME.test(name) ? "<hidden>" : process.env[name]!]));
}

export const envMagic: LineMagic = {
  name: "env",
  summary: "the environment: list it, get a variable, set one for later ! commands",
  help: [
    "%env                  every environment variable (values of names with key, token, secret or passw in them are hidden)",
    "%env NAME             the value of NAME",
    "%env NAME=value       set NAME in the kernel's environment, which ! lines, %%bash and %%sh inherit",
    "%env NAME value       the same",
  ].join("\n"),
  async run(args, ctx) {
    if (!args) return listing();
    const split = /^([^=\s]+)\s*=\s*(.*)$/.exec(args) ?? /^(\S+)\s+(.*)$/.exec(args);
    if (!split) {
      const name = checkedName(args);
      if (name in process.env) return process.env[name];
      const near = closestWord(name, Object.keys(process.env));
      throw new UsageError(`%env: there is no environment variable ${name}${near ? `; did you mean ${near}?` : ""} (%env lists them; %env ${name}=value sets it)`);
    }
    const [name, value] = [checkedName(split[1]), split[2]];
    process.env[name] = value;
    ctx.stdout(`env: ${name}=${value}\n`);
    return undefined;
  },
};
