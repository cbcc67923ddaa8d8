// Validates documents against diplomod's shipped schemas with Ajv in strict mode.
//
// Usage: node validate.mjs SCHEMA_FOLDER CASES_FILE
// CASES_FILE holds a JSON array of {"schema": "<file name>", "data": <document>}; the
// script prints a JSON array with, for each case, the list of its errors (empty if valid).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [folder, casesFile] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// The codelist marks carry no rule; strict mode wants every keyword declared.
ajv.addKeyword({ keyword: "codelist", schemaType: "string" });
ajv.addKeyword({ keyword: "openCodelist", schemaType: "boolean" });

const ids = {};
for (const name of readdirSync(folder).filter((n) => n.endsWith(".json"))) {
  const schema = JSON.parse(readFileSync(join(folder, name), "utf8"));
  ajv.addSchema(schema);
  ids[name] = schema.$id;
}
const results = [];
for (const { schema, data } of JSON.parse(readFileSync(casesFile, "utf8"))) {
  const validate = ajv.getSchema(ids[schema]);
  results.push(
    validate(data) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`),
  );
}
process.stdout.write(JSON.stringify(results));
