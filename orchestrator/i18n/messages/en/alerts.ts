/** Texts of the alerts area (see ../index.ts for the rules every catalog file follows). */
export const alerts = {} satisfies Record<string, string>;
