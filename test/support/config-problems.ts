import { ConfigError } from '../../config/config-error.js';
import { parseShow } from '../../config/loader.js';
import { COMMAND_NAMES } from '../../orchestrator/features/index.js';

/**
 * Every problem the loader reports for a show snippet, one line each, as the dashboard and
 * check-config show them (the file is `show.yaml`); none for a snippet it accepts.
 */
export function problemsOf(source: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseShow(source, 'show.yaml', env, { commands: COMMAND_NAMES });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
}
