/** Texts of the promotions area (see ../index.ts for the rules every catalog file follows). */
export const promotions = {} satisfies Record<string, string>;
