import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The ffmpeg found, or why there is none. */
export type FfmpegLookup = { found: true; path: string; version: string } | { found: false; reason: string };

/**
 * The ffmpeg to use: an explicit path, else FFMPEG_PATH, else `ffmpeg` on PATH; `null` means
 * "run without ffmpeg". It must answer `-version`, so a broken install is caught at start.
 */
export async function locateFfmpeg(explicit: string | null | undefined, env: NodeJS.ProcessEnv = process.env): Promise<FfmpegLookup> {
  if (explicit === null) return { found: false, reason: 'ffmpeg is switched off' };
  const path = explicit ?? (env.FFMPEG_PATH?.trim() || searchPath('ffmpeg', env.PATH ?? ''));
  if (!path) return { found: false, reason: 'ffmpeg is not on PATH (install it, or set FFMPEG_PATH)' };
  return new Promise((resolve) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve({ found: false, reason: `${path} does not run: ${err.message.split('\n')[0]}` });
      const version = /ffmpeg version (\S+)/.exec(stdout)?.[1] ?? 'unknown';
      resolve({ found: true, path, version });
    });
  });
}

/** The first executable `name` in a PATH-style list of directories. */
export function searchPath(name: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
