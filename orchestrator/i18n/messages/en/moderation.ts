/** Texts of the moderation area (see ../index.ts for the rules every catalog file follows). */
export const moderation = {
  // What each rule asks of a viewer, after "Name, " (or after the colon of a notice below).
  'moderation.rule.bannedWord': 'please watch your language',
  'moderation.rule.bannedPattern': 'that kind of message is not allowed here',
  'moderation.rule.link': 'no links here please',
  'moderation.rule.repeat': 'please do not repeat the same message',
  'moderation.rule.flood': 'please slow down',
  'moderation.rule.caps': 'easy on the caps please',
  'moderation.rule.symbols': 'easy on the symbols please',
  // The steps, said in the room: `{rule}` is one of the texts above, `{strike}` of `{steps}` how far it escalated.
  'moderation.warning': '{name}, {rule} ({strike}/{steps})',
  'moderation.deleted': '{name}, I removed that message: {rule} ({strike}/{steps})',
  'moderation.timedOut': '{name}, timed out for {duration}: {rule} ({strike}/{steps})',
  /** The reason a platform keeps with a timeout (Twitch and Discord show it to moderators). */
  'moderation.timeoutReason': 'showcart chat rules: {rule}',
  /** Once per timeout, to a viewer whose lines still reach us (the platform did not enforce it). `{left}`: a duration. */
  'moderation.inTimeout': '{name}, you are in timeout for {left} more: chat lines wait until then, commands still work.',
  'moderation.permitOnlyModerators': 'Only moderators can permit links.',
  'moderation.permitWhom': 'Whom? Name the viewer who may post a link.',
  'moderation.permitted': '{name} may post one link within the next {minutes, plural, one {minute} other {# minutes}}.',
} satisfies Record<string, string>;
