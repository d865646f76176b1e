import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';

const HELP = command('help', '[command]', 'list the commands, or explain one', [{ name: 'command', type: 'word' }]);

/** `!help` lists what works in this show; `!help buy` explains one command with its aliases. */
export const help: Feature = {
  name: 'help',
  commands: [HELP],
  wire: ({ commands, table }) => {
    commands.handle(HELP, ({ command: typed, prefix }) => {
      // Viewers' commands first; the few only moderators use come last.
      const available = table
        .all()
        .filter((s) => commands.has(s.name) && !table.isDisabled(s.name))
        .sort((a, b) => Number(a.moderators ?? false) - Number(b.moderators ?? false));
      const asked = typed.args.command;
      if (typeof asked === 'string') {
        const name = table.resolve(asked.replace(/^[!/]/, ''));
        const spec = available.find((s) => s.name === name);
        if (!name || !spec) return [{ text: `There is no ${prefix}${asked} here. Type ${prefix}help for the list.` }];
        const aliases = table.aliasesOf(name).map((a) => `${prefix}${a}`);
        const also = aliases.length > 0 ? ` (also ${aliases.join(', ')})` : '';
        return [{ text: `${prefix}${spec.name}${spec.usage ? ` ${spec.usage}` : ''}: ${spec.summary}${also}` }];
      }
      // Names only, so the list fits one Twitch message (500) even with every feature on; details per command.
      const list = available
        .filter((s) => s.name !== 'help')
        .map((s) => `${prefix}${s.name}`)
        .join(' ');
      return [{ text: `Commands: ${list}. ${prefix}help <command> explains one, e.g. ${prefix}help buy.` }];
    });
  },
};
