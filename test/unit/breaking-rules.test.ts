// The breaking-change checker's classification, one spec edit at a time: each edit is applied
// to a copy of the bundled spec and must be reported with exactly these rule ids and levels
// (oasdiff's, see scripts/lib/breaking/rules.ts), and nothing else.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compareSpecs } from "../../scripts/lib/breaking/compare.js";
import type { Spec } from "../../scripts/lib/breaking/document.js";
import type { Level } from "../../scripts/lib/breaking/rules.js";

// biome-ignore lint/suspicious/noExplicitAny: edits reach deep into a JSON document
type Json = any;

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");
const bundled: Spec = JSON.parse(read("../../generated/openapi.json"));

const schemas = (spec: Json) => spec.components.schemas;
const parameters = (spec: Json) => spec.components.parameters;
const get = (spec: Json, path: string) => spec.paths[path].get;
const clusterMetadata = (spec: Json) => schemas(spec).Cluster.properties.metadata;

/** A write operation with a JSON body, for the request-body rules (the API itself is read-only). */
function withCreateTeam(spec: Json, required = true): void {
  schemas(spec).TeamInput = {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: 100 },
      department_id: { type: "string", format: "uuid" },
      monthly_budget: { type: "number", minimum: 0 },
      visibility: { type: "string", enum: ["private", "public"], default: "private" },
    },
  };
  spec.paths["/v1/teams"].post = {
    operationId: "createTeam",
    summary: "Create a team",
    requestBody: {
      required,
      content: { "application/json": { schema: { $ref: "#/components/schemas/TeamInput" } } },
    },
    responses: {
      "201": {
        description: "Created.",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/TeamResponse" } },
        },
      },
      "400": { $ref: "#/components/responses/BadRequest" },
    },
  };
}
const teamInput = (spec: Json) => schemas(spec).TeamInput.properties;

interface Case {
  /** The edit, as a reviewer would describe it. */
  edit: string;
  /** Applied to both specs first (a fixture the bundled spec lacks). */
  base?: (spec: Json) => void;
  /** Applied to the new spec only. */
  change: (spec: Json) => void;
  /** Every rule id reported, with its level. */
  expected: Record<string, Level>;
}

const CASES: Case[] = [
  // Paths and operations
  {
    edit: "a path is removed",
    change: (s) => delete s.paths["/v1/teams/{team_id}/assignments"],
    expected: { "api-path-removed-without-deprecation": "ERR" },
  },
  {
    edit: "a deprecated path is removed",
    base: (s) => {
      get(s, "/v1/teams/{team_id}/assignments").deprecated = true;
    },
    change: (s) => delete s.paths["/v1/teams/{team_id}/assignments"],
    expected: { "api-path-removed-with-deprecation": "INFO" },
  },
  {
    edit: "an operation is removed from a path that stays",
    base: withCreateTeam,
    change: (s) => delete s.paths["/v1/teams"].post,
    expected: { "api-removed-without-deprecation": "ERR" },
  },
  {
    edit: "a path is added",
    change: (s) => {
      s.paths["/v1/teams/{team_id}/members"] = structuredClone(
        s.paths["/v1/teams/{team_id}/assignments"],
      );
    },
    expected: { "endpoint-added": "INFO" },
  },
  {
    edit: "an operation is deprecated",
    change: (s) => {
      get(s, "/v1/node-groups").deprecated = true;
    },
    expected: { "endpoint-deprecated": "INFO" },
  },
  {
    edit: "a path parameter is renamed (the SDK's typed path key changes)",
    change: (s) => {
      s.paths["/v1/teams/{id}"] = s.paths["/v1/teams/{team_id}"];
      delete s.paths["/v1/teams/{team_id}"];
    },
    expected: { "api-path-removed-without-deprecation": "ERR", "endpoint-added": "INFO" },
  },

  // Parameters
  {
    edit: "a query parameter is removed",
    change: (s) => {
      const op = get(s, "/v1/clusters");
      op.parameters = op.parameters.filter(
        (p: Json) => p.$ref !== "#/components/parameters/RegionFilter",
      );
    },
    expected: { "request-parameter-removed": "WARN" },
  },
  {
    edit: "an optional query parameter becomes required",
    change: (s) => {
      parameters(s).RegionFilter.required = true;
    },
    expected: { "request-parameter-became-required": "ERR" },
  },
  {
    edit: "a required query parameter is added",
    change: (s) => {
      get(s, "/v1/clusters").parameters.push({
        name: "tenant",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
    },
    expected: { "new-required-request-parameter": "ERR" },
  },
  {
    edit: "an optional query parameter is added",
    change: (s) => {
      get(s, "/v1/clusters").parameters.push({
        name: "label",
        in: "query",
        schema: { type: "string" },
      });
    },
    expected: { "new-optional-request-parameter": "INFO" },
  },
  {
    edit: "a header parameter's name changes case only (header names are case-insensitive)",
    base: (s) => {
      get(s, "/v1/clusters").parameters.push({
        name: "X-Request-Id",
        in: "header",
        schema: { type: "string" },
      });
    },
    change: (s) => {
      get(s, "/v1/clusters").parameters.at(-1).name = "x-request-id";
    },
    expected: {},
  },
  {
    edit: "limit's maximum is lowered (500 -> 200)",
    change: (s) => {
      parameters(s).Limit.schema.maximum = 200;
    },
    expected: { "request-parameter-max-decreased": "ERR" },
  },
  {
    edit: "limit's maximum is raised (500 -> 1000)",
    change: (s) => {
      parameters(s).Limit.schema.maximum = 1000;
    },
    expected: { "request-parameter-max-increased": "INFO" },
  },
  {
    edit: "limit's minimum is raised (1 -> 10)",
    change: (s) => {
      parameters(s).Limit.schema.minimum = 10;
    },
    expected: { "request-parameter-min-increased": "ERR" },
  },
  {
    edit: "limit's default changes (100 -> 50)",
    change: (s) => {
      parameters(s).Limit.schema.default = 50;
    },
    expected: { "request-parameter-default-value-changed": "ERR" },
  },
  {
    edit: "a value is removed from a request-only enum (target_kind)",
    change: (s) => {
      parameters(s).TargetKindFilter.schema.enum.pop();
    },
    expected: { "request-parameter-enum-value-removed": "ERR" },
  },
  {
    edit: "a value is added to a request-only enum (target_kind)",
    change: (s) => {
      parameters(s).TargetKindFilter.schema.enum.push("Pod");
    },
    expected: { "request-parameter-enum-value-added": "INFO" },
  },
  {
    edit: "a query parameter's type changes (string -> integer)",
    change: (s) => {
      parameters(s).RegionFilter.schema.type = "integer";
    },
    expected: { "request-parameter-type-changed": "ERR" },
  },
  {
    edit: "a query parameter's type widens (integer -> number)",
    change: (s) => {
      parameters(s).Limit.schema.type = "number";
    },
    expected: { "request-parameter-type-generalized": "INFO" },
  },
  {
    edit: "a path parameter loses its format (uuid -> any string)",
    change: (s) => {
      delete parameters(s).ClusterIdPath.schema.format;
    },
    expected: { "request-parameter-type-generalized": "INFO" },
  },
  {
    edit: "a query parameter gains a format (string -> string/uuid)",
    change: (s) => {
      parameters(s).RegionFilter.schema.format = "uuid";
    },
    expected: { "request-parameter-type-changed": "ERR" },
  },
  {
    edit: "a query parameter gains a pattern",
    change: (s) => {
      parameters(s).RegionFilter.schema.pattern = "^[a-z]+-[a-z]+-[0-9]$";
    },
    expected: { "request-parameter-pattern-added": "ERR" },
  },

  // Response bodies
  {
    edit: "a required response field is removed (Cluster.metadata.region)",
    change: (s) => {
      const metadata = clusterMetadata(s);
      delete metadata.properties.region;
      metadata.required = metadata.required.filter((name: string) => name !== "region");
    },
    expected: { "response-required-property-removed": "ERR" },
  },
  {
    edit: "an optional response field is removed (Cluster.metadata.kubernetes_version)",
    change: (s) => delete clusterMetadata(s).properties.kubernetes_version,
    expected: { "response-optional-property-removed": "WARN" },
  },
  {
    edit: "an optional response field is added",
    change: (s) => {
      clusterMetadata(s).properties.labels = { type: "object" };
    },
    expected: { "response-optional-property-added": "INFO" },
  },
  {
    edit: "a required response field is added",
    change: (s) => {
      const metadata = clusterMetadata(s);
      metadata.properties.account_id = { type: "string" };
      metadata.required.push("account_id");
    },
    expected: { "response-required-property-added": "INFO" },
  },
  {
    edit: "a required response field becomes optional",
    change: (s) => {
      const metadata = clusterMetadata(s);
      metadata.required = metadata.required.filter((name: string) => name !== "region");
    },
    expected: { "response-property-became-optional": "ERR" },
  },
  {
    edit: "a value is added to a shared enum (ClusterStatus: response and status filter)",
    change: (s) => {
      schemas(s).ClusterStatus.enum.push("deleting");
    },
    // oasdiff's level: WARN, a new value reaches clients' exhaustive switches.
    expected: {
      "response-property-enum-value-added": "WARN",
      "request-parameter-enum-value-added": "INFO",
    },
  },
  {
    edit: "a value is removed from a shared enum (ClusterStatus)",
    change: (s) => {
      schemas(s).ClusterStatus.enum.pop();
    },
    expected: {
      "response-property-enum-value-removed": "INFO",
      "request-parameter-enum-value-removed": "ERR",
    },
  },
  {
    edit: "a value is added to a response-only enum (ErrorCode)",
    change: (s) => {
      schemas(s).ErrorCode.enum.push("CONFLICT");
    },
    expected: { "response-property-enum-value-added": "WARN" },
  },
  {
    edit: "a response field's type changes (string -> integer)",
    change: (s) => {
      clusterMetadata(s).properties.region.type = "integer";
    },
    expected: { "response-property-type-changed": "ERR" },
  },
  {
    edit: "a response field's type widens (integer -> number)",
    change: (s) => {
      schemas(s).Pagination.properties.limit.type = "number";
    },
    expected: { "response-property-type-generalized": "ERR" },
  },
  {
    edit: "a response field loses its format (Cluster.id uuid -> any string)",
    change: (s) => delete schemas(s).Cluster.properties.id.format,
    expected: { "response-property-type-generalized": "ERR" },
  },
  {
    edit: "a response field gains a format (narrower values)",
    change: (s) => {
      clusterMetadata(s).properties.region.format = "hostname";
    },
    expected: { "response-property-type-specialized": "INFO" },
  },
  {
    edit: "a response field becomes nullable (type: [string, null])",
    change: (s) => {
      clusterMetadata(s).properties.kubernetes_version.type = ["string", "null"];
    },
    expected: { "response-property-became-nullable": "ERR" },
  },
  {
    edit: "a response $ref becomes nullable (anyOf [$ref, null])",
    change: (s) => {
      schemas(s).Cluster.properties.cost = {
        anyOf: [{ $ref: "#/components/schemas/CostSummary" }, { type: "null" }],
      };
    },
    expected: { "response-property-became-nullable": "ERR" },
  },
  {
    edit: "a nullable response field becomes non-nullable (Team.metadata.department_id)",
    change: (s) => {
      schemas(s).Team.properties.metadata.properties.department_id = {
        type: "string",
        format: "uuid",
      };
    },
    expected: { "response-property-became-not-nullable": "INFO" },
  },
  {
    edit: "a response bound loosens (per_page maximum 500 -> 1000)",
    change: (s) => {
      schemas(s).OffsetPagination.properties.per_page.maximum = 1000;
    },
    expected: { "response-property-max-increased": "ERR" },
  },
  {
    edit: "a response bound is dropped (total_count minimum 0)",
    change: (s) => delete schemas(s).Pagination.properties.total_count.minimum,
    expected: { "response-property-min-decreased": "ERR" },
  },
  {
    edit: "a response pattern changes (Money.amount: 2 decimals instead of 4)",
    change: (s) => {
      schemas(s).Money.properties.amount.pattern = "^-?[0-9]+\\.[0-9]{2}$";
    },
    expected: { "response-property-pattern-changed": "INFO" },
  },
  {
    edit: "a response oneOf gains a branch",
    base: (s) => {
      clusterMetadata(s).properties.owner = { oneOf: [{ type: "string" }, { type: "integer" }] };
    },
    change: (s) => {
      clusterMetadata(s).properties.owner.oneOf.push({ type: "boolean" });
    },
    expected: { "response-property-one-of-added": "ERR" },
  },
  {
    edit: "an optional field is removed deep inside a recursive schema",
    base: (s) => {
      schemas(s).Tree = {
        type: "object",
        properties: {
          name: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Tree" } },
        },
      };
      clusterMetadata(s).properties.tree = { $ref: "#/components/schemas/Tree" };
    },
    change: (s) => delete schemas(s).Tree.properties.name,
    expected: { "response-optional-property-removed": "WARN" },
  },

  // Responses
  {
    edit: "a success status is replaced (200 -> 201)",
    change: (s) => {
      const responses = get(s, "/v1/organization").responses;
      responses["201"] = responses["200"];
      delete responses["200"];
    },
    expected: { "response-success-status-removed": "ERR", "response-success-status-added": "INFO" },
  },
  {
    edit: "an error status is added",
    change: (s) => {
      get(s, "/v1/organization").responses["404"] = { $ref: "#/components/responses/NotFound" };
    },
    expected: { "response-non-success-status-added": "INFO" },
  },
  {
    edit: "an error status is removed",
    change: (s) => delete get(s, "/v1/organization").responses["503"],
    expected: { "response-non-success-status-removed": "INFO" },
  },
  {
    edit: "an error example is added",
    change: (s) => {
      const examples = s.components.responses.ListBadRequest.content["application/json"].examples;
      examples.cursor_too_long = structuredClone(examples.invalid_cursor);
    },
    expected: { "response-example-added": "INFO" },
  },
  {
    edit: "a response media type is replaced (application/json -> application/problem+json)",
    change: (s) => {
      const content = s.components.responses.NotFound.content;
      content["application/problem+json"] = content["application/json"];
      delete content["application/json"];
    },
    expected: { "response-media-type-removed": "ERR", "response-media-type-added": "INFO" },
  },
  {
    edit: "an optional response header is removed (X-Request-Id on 429)",
    change: (s) => delete s.components.responses.RateLimited.headers["X-Request-Id"],
    expected: { "optional-response-header-removed": "WARN" },
  },
  {
    edit: "a required response header is removed (Retry-After on 429)",
    change: (s) => delete s.components.responses.RateLimited.headers["Retry-After"],
    expected: { "required-response-header-removed": "ERR" },
  },

  // Request bodies
  {
    edit: "a required request body is added to an operation",
    base: (s) => {
      withCreateTeam(s);
      delete s.paths["/v1/teams"].post.requestBody;
    },
    change: (s) => {
      s.paths["/v1/teams"].post.requestBody = {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/TeamInput" } } },
      };
    },
    expected: { "request-body-added-required": "ERR" },
  },
  {
    edit: "an optional request body becomes required",
    base: (s) => withCreateTeam(s, false),
    change: (s) => {
      s.paths["/v1/teams"].post.requestBody.required = true;
    },
    expected: { "request-body-became-required": "ERR" },
  },
  {
    edit: "an optional request field becomes required",
    base: withCreateTeam,
    change: (s) => {
      schemas(s).TeamInput.required.push("department_id");
    },
    expected: { "request-property-became-required": "ERR" },
  },
  {
    edit: "a required request field is added",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).owner_email = { type: "string", format: "email" };
      schemas(s).TeamInput.required.push("owner_email");
    },
    expected: { "new-required-request-property": "ERR" },
  },
  {
    edit: "an optional request field is added",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).description = { type: "string" };
    },
    expected: { "new-optional-request-property": "INFO" },
  },
  {
    edit: "a request field is removed",
    base: withCreateTeam,
    change: (s) => delete teamInput(s).monthly_budget,
    expected: { "request-property-removed": "WARN" },
  },
  {
    edit: "a request field's maxLength is lowered (100 -> 50)",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).name.maxLength = 50;
    },
    expected: { "request-property-max-length-decreased": "ERR" },
  },
  {
    edit: "a value is removed from a request field's enum",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).visibility.enum = ["private"];
    },
    expected: { "request-property-enum-value-removed": "ERR" },
  },
  {
    edit: "a request field's default changes",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).visibility.default = "public";
    },
    expected: { "request-property-default-value-changed": "INFO" },
  },
  {
    edit: "a request field's type narrows (number -> integer)",
    base: withCreateTeam,
    change: (s) => {
      teamInput(s).monthly_budget.type = "integer";
    },
    expected: { "request-property-type-changed": "ERR" },
  },
  {
    edit: "a request field's minimum is dropped",
    base: withCreateTeam,
    change: (s) => delete teamInput(s).monthly_budget.minimum,
    expected: { "request-property-min-decreased": "INFO" },
  },
];

function classify({ base, change }: Case): Record<string, Level> {
  const before: Json = structuredClone(bundled);
  base?.(before);
  const after = structuredClone(before);
  change(after);
  return Object.fromEntries(compareSpecs(before, after).map(({ id, level }) => [id, level]));
}

describe("check:breaking classifies each spec edit", () => {
  it("covers at least 30 edits, breaking and not", () => {
    const levels = CASES.flatMap((c) => Object.values(c.expected));
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(levels).toContain("ERR");
    expect(levels).toContain("WARN");
    expect(levels).toContain("INFO");
  });

  it.each(CASES)("$edit", (c) => {
    expect(classify(c)).toEqual(c.expected);
  });
});

describe("compareSpecs", () => {
  it("finds no change between the bundled spec and a copy of it", () => {
    expect(compareSpecs(bundled, structuredClone(bundled))).toEqual([]);
  });

  it("reads the YAML bundle as the same spec as the JSON one", () => {
    expect(compareSpecs(bundled, parse(read("../../generated/openapi.yaml")))).toEqual([]);
  });

  it("names the operation, the place and the component of a change", () => {
    const after: Json = structuredClone(bundled);
    schemas(after).ErrorCode.enum.push("CONFLICT");
    const changes = compareSpecs(bundled, after);
    expect(changes).toContainEqual({
      id: "response-property-enum-value-added",
      level: "WARN",
      operation: "GET /v1/clusters",
      where: "response 400",
      subject: "ErrorCode",
      message: 'enum value `"CONFLICT"` added',
    });
  });
});

describe("the repository", () => {
  it("has no breaking change since its last release snapshot (0.1.0)", () => {
    const released: Spec = JSON.parse(read("../../openapi/releases/0.1.0.json"));
    const breaking = compareSpecs(released, bundled).filter(({ level }) => level !== "INFO");
    expect(breaking).toEqual([]);
  });
});
