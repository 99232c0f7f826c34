/**
 * The environment variable `name`, trimmed, where the runtime has `process.env`; undefined when
 * unset, empty, or not readable (browsers; Deno without `--allow-env`).
 */
export function readEnv(name: string): string | undefined {
  if (typeof process === "undefined") return undefined;
  try {
    const value = process.env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}
