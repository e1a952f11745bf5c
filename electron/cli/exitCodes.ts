/** The CLI's documented exit codes: a contract scripts rely on. */
export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  signIn: 3,
  inUse: 4,
  notKalkan: 5,
  tooNew: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Error codes (shared/api) that map to a specific exit code; everything else is 1. */
const BY_ERROR_PREFIX: Array<[string, ExitCode]> = [
  ['cli.', EXIT.usage],
  ['api.invalidInput', EXIT.usage],
  ['office.logo', EXIT.usage], // a --logo file that is not a PNG/JPEG or too large
  ['vault.wrongPassword', EXIT.signIn],
  ['vault.unknownUser', EXIT.signIn],
  ['vault.userDisabled', EXIT.signIn],
  ['vault.throttled', EXIT.signIn],
  ['auth.wrongCurrentPassword', EXIT.signIn],
  ['vault.inUse', EXIT.inUse],
  ['vault.notKalkan', EXIT.notKalkan],
  ['vault.damaged', EXIT.notKalkan],
  ['vault.keyringMissing', EXIT.notKalkan],
  ['vault.keyringDamaged', EXIT.notKalkan],
  ['vault.keyringKdfInvalid', EXIT.notKalkan],
  ['vault.databaseMissing', EXIT.notKalkan],
  ['vault.absent', EXIT.notKalkan],
  ['vault.tooNew', EXIT.tooNew],
];

export function exitCodeFor(errorCode: string): ExitCode {
  for (const [prefix, exit] of BY_ERROR_PREFIX) if (errorCode.startsWith(prefix)) return exit;
  return EXIT.other;
}
