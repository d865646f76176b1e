import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of package.json: the assets live there, not beside the code, which runs both as
 * TypeScript (orchestrator/http/) and compiled (dist/orchestrator/http/).
 */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const WEB_ROOT = join(PROJECT_ROOT, 'web') + sep;
