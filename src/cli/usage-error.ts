/** Unusable arguments: a one-line message, exit status 2 (main.ts prints it). */
export class UsageError extends Error {}
