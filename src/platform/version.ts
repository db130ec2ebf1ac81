import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION = pkg.version;

/** The commit being run: from the environment (set by a deployment) or from git, read once. */
export const COMMIT: string = (() => {
  if (process.env.CUSTODIA_COMMIT) return process.env.CUSTODIA_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      cwd: new URL('../..', import.meta.url),
    })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
})();
