/** Process exit codes, documented in the CLI's --help and README. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  userNotFound: 3,
  userOffline: 4,
  blocked: 5,
} as const;
