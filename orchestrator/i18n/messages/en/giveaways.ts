/** Giveaways: the start, entries, the draw with its proof, the winner's claim and the redraw. */
export const giveaways = {
  'giveaways.started':
    '🎁 GIVEAWAY: {title}! Type {prefix}enter{keyword, select, none {} other { or {keyword}}} within {window} to take part{eligible, select, buyers { (buyers of this show)} linked { (viewers who linked their accounts)} supporters { (supporters of this show)} other {}}{minLines, plural, =0 {} other { — after # chat lines}}. One entry per person. Draw proof: {proof}',
  'giveaways.entered': "You're in the {title} giveaway (entry #{n}). Good luck!",
  'giveaways.enteredMerged': "you're in the {title} giveaway — good luck!",
  'giveaways.already': 'You already have an entry in the {title} giveaway; one per person.',
  'giveaways.full': 'The {title} giveaway is full; no more entries.',
  'giveaways.none': 'No giveaway is taking entries right now.',
  'giveaways.notBuyer': 'This giveaway is for buyers of this show: {prefix}buy something first.',
  'giveaways.notLinked': 'This giveaway is for viewers who linked their accounts: {prefix}link shows how.',
  'giveaways.notSupporter': 'This giveaway is for supporters of this show: {prefix}tip to become one.',
  'giveaways.fewLines': 'Chat a little first: this giveaway takes {need, plural, one {# line} other {# lines}} in the chat, you have {have}.',
  'giveaways.drawn':
    '🎉 {name} wins {title} (of {entries, plural, one {# entry} other {# entries}}{round, plural, =1 {} other {, draw #}})! Type {prefix}claim within {left} to get it. Proof: seed {seed}',
  'giveaways.youWon': 'You won {title}! Type {prefix}claim within {left} and it goes in your cart at no charge (shipping as the shop sets it).',
  'giveaways.claimed': '🎁 {name} claimed {title}. Congratulations!',
  'giveaways.claimedYou': '{title} is in your cart {cart} at no charge. Finish the checkout within {left} to have it sent.',
  'giveaways.notWinner': 'Only the winner of the {title} giveaway can claim it.',
  'giveaways.noClaim': 'There is nothing to claim right now.',
  'giveaways.noStock': 'Sorry, {title} has run out; the seller will be in touch.',
  'giveaways.empty': '🎁 The {title} giveaway closed with no entries.',
  'giveaways.unclaimed': '🎁 Nobody claimed {title} in time and every entry has been drawn: the giveaway is over.',
  'giveaways.linkCart': 'Your cart',
} satisfies Record<string, string>;
