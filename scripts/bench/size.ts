// (4) min+gzip size of the main entry bundled with openapi-fetch, as an app bundler would ship
// it; the build itself is in bundle-size.ts, which a unit test also runs against the budget.
import { mainEntrySize } from "./bundle-size.js";
import { report } from "./stub-api.js";

const full = await mainEntrySize();
const own = await mainEntrySize(["openapi-fetch"]);
report({ min: full.min, gzip: full.gzip, ownMin: own.min, ownGzip: own.gzip });
