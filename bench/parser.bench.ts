import { CommandTable } from '../orchestrator/commands/command-table.js';
import { COMMANDS } from '../orchestrator/features/index.js';
import { parseCommand } from '../orchestrator/commands/parse-command.js';
import { fmt, opsPerSecond } from './measure.js';

export async function benchParser(): Promise<string[]> {
  const table = new CommandTable({ aliases: { buy: ['sold', 'куплю'] }, disabled: [] }, COMMANDS);
  const lines = ['!buy VAN L 2 WELCOME10', 'just chatting about candles', '/buy@candlebot VAN', '!vote 2', '!bye'];
  const out: string[] = [];
  for (const line of lines) {
    const rate = await opsPerSecond(() => parseCommand(line, table), 300);
    out.push(`${JSON.stringify(line).padEnd(32)} ${fmt(rate)} lines/s`);
  }
  return out;
}
