/**
 * Walks every recommendation page by page and survives failures: an error thrown mid-walk
 * carries the cursor of the page that failed, and a new walk resumes from it, so no item is
 * fetched twice or skipped. Retries are off here, to show the resume on its own. Reads
 * KUBEADAPT_API_TOKEN and KUBEADAPT_BASE_URL.
 */
import { createKubeadapt, isKubeadaptError } from "kubeadapt";

const MAX_RESUMES = 20;
const ka = createKubeadapt({ maxRetries: 0 });

const ids = new Set<string>();
let items = 0;
let cursor: string | undefined;
let resumes = 0;
for (;;) {
  try {
    const walk = ka.paginate("/v1/recommendations", { cursor, params: { query: { limit: 50 } } });
    for await (const page of walk.pages()) {
      items += page.items.length;
      for (const recommendation of page.items) ids.add(recommendation.id);
      cursor = page.nextCursor;
    }
    break;
  } catch (error) {
    if (!isKubeadaptError(error) || error.status === undefined || resumes === MAX_RESUMES) {
      throw error;
    }
    resumes++;
    cursor = error.cursor;
    console.error(`${error.name} (${error.status}) on page ${error.page}: resuming`);
  }
}
console.log(`${items} recommendations (${ids.size} distinct) after ${resumes} resumes`);
