import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { loadShowFile } from '../config/loader.js';
import { summarizeShow } from '../config/show-summary.js';
import { COMMAND_NAMES } from './features/index.js';

/** `npm run check-config -- FILE…`: validates show files and prints what each one sets up. */
function main(): number {
  const { positionals } = parseArgs({ allowPositionals: true });
  const files = positionals.length > 0 ? positionals : [process.env.SHOWCART_SHOW ?? 'config/shows/demo.yaml'];
  let failed = 0;
  for (const file of files) {
    try {
      const { config } = loadShowFile(file, { commands: COMMAND_NAMES });
      console.log(`${file}: OK\n${summarizeShow(config)}\n`);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      failed++;
      console.error(`${err.message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
