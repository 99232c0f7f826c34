/** The environment variable `name`, where the runtime has `process.env`; else undefined. */
export function readEnv(name: string): string | undefined {
  if (typeof process === "undefined") return undefined;
  const value = process.env?.[name]?.trim();
  return value ? value : undefined;
}
