import { viewer } from '../../chat-types.js';
import { command, type CommandSpec } from '../../commands/command-specs.js';
import type { CommandTable } from '../../commands/command-table.js';
import type { Feature } from '../../feature.js';
import { CATALOGS, type MessageKey } from '../../i18n/messages/index.js';
import type { Texts } from '../../i18n/texts.js';

const HELP = command('help', '[command]', 'list the commands, or explain one', [{ name: 'command', type: 'word' }]);

/** What `!help` says of a command: the catalog's words in the show's language, else its feature's own summary. */
function summaryOf(texts: Texts, spec: CommandSpec): string {
  const key = `commands.summary.${spec.name}`;
  return key in CATALOGS.en! ? texts.t(key as MessageKey) : spec.summary;
}

/** "!buy/!куплю": the command and the words the show file gave it, so viewers see the ones their show speaks. */
export function commandWords(table: Pick<CommandTable, 'showAliasesOf'>, name: string, prefix: string): string {
  return [name, ...table.showAliasesOf(name)].map((w) => `${prefix}${w}`).join('/');
}

/** `!help` lists what works in this show; `!help buy` explains one command with its aliases. */
export const help: Feature = {
  name: 'help',
  commands: [HELP],
  wire: ({ commands, table, show }) => {
    commands.handle(HELP, ({ command: typed, prefix }) => {
      const texts = show.texts;
      // Viewers' commands first; the few only moderators use come last.
      const available = table
        .all()
        .filter((s) => commands.has(s.name) && !table.isDisabled(s.name))
        .sort((a, b) => Number(a.moderators ?? false) - Number(b.moderators ?? false));
      const asked = typed.args.command;
      if (typeof asked === 'string') {
        const name = table.resolve(asked.replace(/^[!/]/, ''));
        const spec = available.find((s) => s.name === name);
        // The word is the viewer's: marked, so no markup of theirs survives in the reply.
        if (!name || !spec) return [{ ...texts.said('commands.helpNone', { command: viewer(`${prefix}${asked}`), prefix }) }];
        const aliases = table.aliasesOf(name).map((a) => `${prefix}${a}`);
        const usage = `${prefix}${spec.name}${spec.usage ? ` ${spec.usage}` : ''}`;
        const summary = summaryOf(texts, spec);
        if (aliases.length === 0) return [{ text: texts.t('commands.helpOne', { usage, summary }) }];
        return [{ text: texts.t('commands.helpAlso', { usage, summary, aliases: aliases.join(', ') }) }];
      }
      // Names only, so the list fits one Twitch message (500) even with every feature on; details per command.
      const list = available
        .filter((s) => s.name !== 'help')
        .map((s) => commandWords(table, s.name, prefix))
        .join(' ');
      return [{ text: texts.t('commands.helpList', { list, prefix, placeholder: `<${texts.t('commands.helpPlaceholder')}>` }) }];
    });
  },
};
