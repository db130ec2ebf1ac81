/**
 * Builds the web app before the browser tests when dist/web is missing or older than any file
 * under web/ (so the tests never run against a stale build).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const index = path.join(ROOT, 'dist/web/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= newest(path.join(ROOT, 'web'))) return;
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}
