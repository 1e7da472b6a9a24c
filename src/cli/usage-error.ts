import { LocalizedError } from "../core/errors";

/**
 * Unusable arguments: a one-line message, exit status 2. `message` is English; one made from
 * the message table (`usageError`) carries `localized` too, and main.ts prints that in the
 * run's language.
 */
export class UsageError extends LocalizedError {}
