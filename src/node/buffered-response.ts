import { utf8Text } from "./utf8-text.js";

/**
 * A `Response` whose body is already in memory. Node's `Response` keeps its body as a web
 * `ReadableStream` even when it holds a single buffer, and making and draining that stream is
 * most of what a `Response` costs per page; this one hands its bytes to `text()`, `json()` and
 * the rest directly, and makes a stream only if someone asks for `body`. It is a real
 * `Response` (`instanceof` holds), with `url`, `redirected`, `status` and `statusText` as a
 * fetched one has them: any status (a 600 too) and any status text (UTF-8 too), which the
 * `Response` constructor refuses. Its bytes may also be still on their way (a promise), for a
 * response handed over at its headers: readers wait for them, and `body.cancel()` calls
 * `cancel`, which stops the download.
 */
// Node's buffers are typed over ArrayBufferLike, the DOM's bodies over ArrayBuffer: the same bytes.
type Bytes = Uint8Array<ArrayBuffer>;

export class BufferedResponse extends Response {
  #bytes: Bytes | Promise<Bytes> | null;
  readonly #cancel: (() => void) | undefined;
  #stream: ReadableStream<Bytes> | null | undefined;
  #used = false;
  // Whether it has no body at all (a null-body status, HEAD), as against one already read.
  readonly #none: boolean;
  readonly #status: number;
  readonly #statusText: string;
  readonly #url: string;
  readonly #redirected: boolean;

  constructor(
    bytes: Uint8Array | Promise<Uint8Array> | null,
    init: { status: number; statusText: string },
    url: string,
    redirected: boolean,
    cancel?: () => void,
  ) {
    super(null);
    this.#bytes = bytes as Bytes | Promise<Bytes> | null;
    this.#cancel = cancel;
    this.#none = bytes === null;
    this.#status = init.status;
    this.#statusText = init.statusText;
    this.#url = url;
    this.#redirected = redirected;
  }

  override get status(): number {
    return this.#status;
  }

  override get statusText(): string {
    return this.#statusText;
  }

  override get ok(): boolean {
    return this.#status >= 200 && this.#status < 300;
  }

  override get url(): string {
    return this.#url;
  }

  override get redirected(): boolean {
    return this.#redirected;
  }

  override get type(): ResponseType {
    return "basic";
  }

  override get body(): ReadableStream<Bytes> | null {
    if (this.#stream === undefined) {
      // Made on first access (a copy of the bytes, enqueued when read): text() and the rest
      // still read the bytes directly while nobody has begun reading the stream.
      const bytes = this.#bytes;
      this.#stream = this.#none
        ? null
        : new ReadableStream({
            type: "bytes",
            pull: (controller) => {
              // Read from the stream: the body is disturbed, as a fetched one.
              this.#used = true;
              const fill = (whole: Bytes | null) => {
                // A byte stream refuses an empty chunk: an empty body (a bare 502) has none.
                if (whole?.length) controller.enqueue(new Uint8Array(whole));
                controller.close();
              };
              return bytes instanceof Promise ? bytes.then(fill) : fill(bytes);
            },
            cancel: this.#cancel,
          });
      // Already read by text() or the like: as a fetched body then, locked for good.
      if (bytes === null) this.#stream?.getReader();
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  override async text(): Promise<string> {
    const bytes = await this.#take();
    return bytes === null
      ? ""
      : utf8Text(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#take();
    return bytes === null ? new ArrayBuffer(0) : (new Uint8Array(bytes).buffer as ArrayBuffer);
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], {
      type: this.headers.get("content-type") ?? "",
    });
  }

  override async formData(): Promise<FormData> {
    return (await this.#asResponse()).formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    // Unread, so the bytes are all there; they are never written to, so both can share them.
    const copy = new BufferedResponse(
      this.#bytes,
      this.#init(),
      this.#url,
      this.#redirected,
      this.#cancel,
    );
    for (const [name, value] of this.headers) copy.headers.append(name, value);
    return copy;
  }

  #init() {
    return { status: this.#status, statusText: this.#statusText };
  }

  // A plain Response over the same body, for the rare readers not done here (formData).
  async #asResponse(): Promise<Response> {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    const body = this.#stream === undefined ? await this.#bytes : this.#stream;
    this.#bytes = null;
    // Only its body and content type matter to formData(), not a status it might refuse.
    return new Response(body, { headers: this.headers });
  }

  async #take(): Promise<Bytes | null> {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    // As with a fetched body once read: its stream (if anyone took it) is locked for good.
    this.#stream?.getReader();
    const bytes = this.#bytes;
    this.#bytes = null;
    return bytes;
  }
}
