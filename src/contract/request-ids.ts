/**
 * The `meta.request_id`s one check has met, to catch a server that repeats one: the spec
 * (`RequestId`) makes it unique per request, and a support team finds a request by it.
 */
export class RequestIds {
  private readonly seen = new Map<string, { href: string; label: string }>();
  private reported = false;

  /**
   * Records the id of the response to `url` (named `label` in messages); returns the violation
   * when a response to another URL carried it, once per check (a constant id would repeat it on
   * every response). The same URL twice is not judged: a cache in front of a correct server
   * may answer it again as it was.
   */
  repeated(id: unknown, url: URL, label: string): string | undefined {
    if (typeof id !== "string" || this.reported) return undefined;
    const first = this.seen.get(id);
    if (first === undefined) {
      this.seen.set(id, { href: url.href, label });
      return undefined;
    }
    if (first.href === url.href) return undefined;
    this.reported = true;
    return `${label}: meta.request_id ${id} is also that of ${first.label}, but the spec makes it unique per request`;
  }
}
