// Who can do what is decided on the server; the PWA uses the same names to pick its views.
export const roles = ['collector', 'dispatcher', 'supervisor', 'admin', 'api_client'] as const;
export type Role = (typeof roles)[number];

/** People who sign in through the PWA (the API client role is for upstream systems). */
export const humanRoles = ['collector', 'dispatcher', 'supervisor', 'admin'] as const satisfies readonly Role[];

export const caseImporters = ['dispatcher', 'admin', 'api_client'] as const satisfies readonly Role[];
export const caseReaders = ['collector', 'dispatcher', 'supervisor', 'admin', 'api_client'] as const satisfies readonly Role[];
