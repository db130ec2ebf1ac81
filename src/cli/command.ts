/** What every `custodia` subcommand implements. Data goes to `io.stdout`, messages to `io.stderr`. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  /** The first word after `custodia`, e.g. `allocate` or `audit`. */
  name: string;
  /** One line for `custodia --help`. */
  summary: string;
  /** The full text printed by `custodia <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A usage error: printed with the command's usage hint, exit code 2. */
export class UsageError extends Error {}

/**
 * Parses `--flag value` and `--flag=value` pairs and bare `--switch`es.
 * Unknown flags are refused so that a typo never silently changes what a command does.
 *
 * @example parseFlags(['--seed', '7', '--force'], { seed: 'string', force: 'boolean' })
 *   // => { flags: { seed: '7', force: true }, rest: [] }
 */
export function parseFlags<S extends Record<string, 'string' | 'boolean'>>(
  argv: string[],
  spec: S,
): { flags: { [K in keyof S]?: S[K] extends 'boolean' ? boolean : string }; rest: string[] } {
  const flags: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags: flags as never, rest };
}
