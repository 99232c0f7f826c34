/**
 * `kubeadapt/testing`: a faithful, stateful fake of the Kubeadapt /v1 API for tests, served
 * in-process (`fake.fetch`) or over HTTP (`fake.listen()`).
 * @packageDocumentation
 */
export type { FakeClock } from "./clock.js";
export { type FakeContractHooks, fakeContractHooks } from "./contract-hooks.js";
export type { FakeRequestRecord } from "./core.js";
export type { CursorPayload } from "./cursor.js";
export { DEFAULT_SIZES, type FakeDataset, type FakeSizes } from "./data/dataset.js";
export { createFakeKubeadapt, type FakeKubeadapt, type FakeKubeadaptOptions } from "./fake.js";
export type { FakeFaults } from "./faults.js";
export type { FakeServer, ListenOptions } from "./http.js";
