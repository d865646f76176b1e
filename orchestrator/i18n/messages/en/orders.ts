/** Texts of the orders area (see ../index.ts for the rules every catalog file follows). */
export const orders = {} satisfies Record<string, string>;
