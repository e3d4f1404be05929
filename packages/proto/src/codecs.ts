// `@tiktok-live/proto/codecs`: every generated codec as a value, loaded up front.
// For code that encodes or decodes messages itself (simulators, tests, tools);
// the client does not need it, it loads codecs per schema file on demand.
export * from "./gen/codecs.js";
// The schema as a field table, for tools that walk raw payloads (e.g. the schema audit).
export { schemaFields } from "./gen/schema-fields.js";
