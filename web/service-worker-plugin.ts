import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Writes the hand-written service worker (`web/sw.js`) to the root of the build as `sw.js`, with
 * the list of every built asset to keep for offline use and a version that changes with them (so a
 * new build replaces the old cache). Runs after the bundle is written, when every asset is known.
 */
export function serviceWorker(source: string): Plugin {
  return {
    name: 'custodia-service-worker',
    apply: 'build',
    writeBundle(options, bundle) {
      const assets = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/'))
        .sort()
        .map((f) => `/${f}`);
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const code = readFileSync(source, 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(assets))
        .replace('self.__VERSION__', JSON.stringify(version));
      writeFileSync(path.join(options.dir!, 'sw.js'), code);
    },
  };
}
