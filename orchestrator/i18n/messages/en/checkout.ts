/** Checkout and payments on the chat side: Telegram's invoice and its pre-checkout refusals. */
export const checkout = {
  'checkout.invoiceTitle': 'Order {id}',
  'checkout.invoiceDescription': '{shop}: {items}',
  'checkout.invoiceLine': '{qty}× {title}',
  'checkout.invoiceShipping': 'Shipping',
  'checkout.pressStart': 'Telegram did not let the bot send you the invoice: open the bot in Telegram, press Start, then try again.',
  'checkout.refuse.unknown': 'We could not find this order. Buy again in the chat to get a new invoice.',
  'checkout.refuse.ended': 'Your reservation ended — buy again in the chat.',
  'checkout.refuse.paid': 'This order is already paid. Nothing more to pay.',
  'checkout.refuse.changed': 'Your cart changed after this invoice was sent. Open your checkout link again to pay the new total.',
  'checkout.refuse.elsewhere': 'This order is being paid another way, so this invoice no longer works. Nothing was charged.',
} satisfies Record<string, string>;
