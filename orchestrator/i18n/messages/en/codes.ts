/** Promo codes: `!code` and why a code does not work. `{code}` is the code as the viewer typed it, upper-cased. */
export const codes = {
  'codes.none': 'No codes right now — stay tuned, drops and unlocks are announced here.',
  'codes.onlyOn': '{off} on {products}',
  'codes.usesLeft': '{n} left',
  'codes.toGo': '{duration} to go',
  'codes.item': '{code} ({details})',
  'codes.list': 'Codes now: {codes}. Add one to your order: {prefix}buy SKU CODE',
  'codes.unknown': 'Code {code} does not exist.',
  'codes.expired': 'Code {code} has expired.',
  'codes.notYet': 'Code {code} is not valid yet.',
  'codes.onlyFor': 'Code {code} works only for {products}.',
  'codes.usedUp': 'Code {code} has been used up.',
  'codes.alreadyUsed': 'You have already used code {code}.',
} satisfies Record<string, string>;
