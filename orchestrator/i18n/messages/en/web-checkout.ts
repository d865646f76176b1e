/** Texts of the web-checkout area (see ../index.ts for the rules every catalog file follows). */
export const webCheckout = {} satisfies Record<string, string>;
