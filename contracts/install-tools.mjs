// `npm ci`, unless node_modules already holds exactly what package-lock.json pins (npm ci always deletes and
// reinstalls, a minute on a busy machine; the build runs this on every `./verity test`).
import { existsSync, readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const pinned = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const installedFile = 'node_modules/.package-lock.json';
const installed = existsSync(installedFile) ? JSON.parse(readFileSync(installedFile, 'utf8')).packages : {};
const stale = Object.entries(pinned).filter(([path, entry]) => path !== ''
    && !(entry.optional && !installed[path]) // another platform's binary (e.g. TypeScript's native compiler)
    && installed[path]?.version !== entry.version);
if (stale.length > 0) {
  console.log(`[contracts] ${stale.length} packages differ from package-lock.json: npm ci`);
  execSync('npm ci --no-audit --no-fund --prefer-offline', { stdio: 'inherit' });
} else {
  console.log('[contracts] node_modules matches package-lock.json');
}
