/**
 * The statuses a GET is retried on: 408 (the server gave up waiting for us), 429 (rate limited:
 * wait as told), 500 (often one bad replica), 502 and 504 (a proxy could not reach or timed out
 * on a backend, typically during a deploy) and 503 (overloaded or restarting). The retry layer
 * retries them; `kubeadapt/node`'s transport hands them over at their headers, since the retry
 * layer may drop their body.
 */
export const RETRY_STATUS = /^(408|429|50[0234])$/;
