/** Bad use of a magic (unknown magic or option, a missing or wrong value): nothing has run. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
