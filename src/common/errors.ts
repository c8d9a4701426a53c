// The one bad-input error of the tool: every folder throws it for what a user got wrong, and the CLI
// prints its message as one line and exits non-zero (no stack trace).

/** A bad-input error with a one-line message; the CLI prints it and exits non-zero. */
export class UserError extends Error {
  override name = 'UserError';
}
