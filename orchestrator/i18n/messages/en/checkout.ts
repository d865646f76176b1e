/** Texts of the checkout area (see ../index.ts for the rules every catalog file follows). */
export const checkout = {} satisfies Record<string, string>;
