import { ConfigError } from '../platform/config';
import { AppError } from '../platform/errors';
import { type CliIO, UsageError } from './command';
import { commands } from './commands';

const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Runs one `custodia` command line and returns its exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(
      `custodia <command> [options]\n\n${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n\n'custodia <command> --help' for a command's options.\n`,
    );
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`custodia: unknown command "${name}" (try custodia --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`custodia ${name}: ${error.message}\n(custodia ${name} --help for usage)\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      io.stderr(`custodia ${name}: ${error.message}\n`);
      return 1;
    }
    io.stderr(
      `custodia ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
