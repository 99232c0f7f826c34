/** The exit codes of every command, as help and the docs list them. */
export const EXIT_CODES = {
  ok: 0,
  api: 1,
  usage: 2,
  connect: 3,
  incomplete: 4,
  interrupted: 130,
  terminated: 143,
} as const;

/** The exit codes as help prints them. */
export const EXIT_TABLE = `Exit codes:
  0    done
  1    the API answered with an error, or broke the protocol; or the output was not written
  2    usage: a mistake in the command line (flags, path, --query), found before any request
  3    cannot connect: DNS, refused connection, TLS certificate, or no answer in time
  4    incomplete (contract): its request budget or time limit left checks unrun, or the token lacks some families' scope
  130  interrupted (Ctrl-C); an interrupted walk prints the command that resumes it
  143  terminated (SIGTERM: a CI timeout or cancel), stopped as by Ctrl-C`;
