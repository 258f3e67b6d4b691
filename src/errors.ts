// A UserError is a problem the user can fix: it is printed as its message alone (no stack) and exits 2.

export class UserError extends Error {
  override readonly name = 'UserError';
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
