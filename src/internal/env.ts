/**
 * The environment variable `name`, trimmed, where the runtime has `process.env`; undefined when
 * unset, empty, or not readable (browsers; Deno without `--allow-env`).
 */
export const readEnv = (name: string): string | undefined => {
  try {
    return globalThis.process?.env?.[name]?.trim() || undefined;
  } catch {}
};
