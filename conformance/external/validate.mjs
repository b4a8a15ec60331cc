// validate.mjs DIR — ajv's verdicts on the cases conformance/external_test.go wrote in DIR.
//
// Every schema is used as a newcomer would use it: Ajv2020 with its default options (strict
// mode on), one fresh instance per schema file and nothing else added to it, so a $ref to
// another file cannot resolve and nothing is fetched. A logger records whatever ajv prints while
// compiling, so that a strict-mode warning fails the check instead of scrolling past.
//
// Reads DIR/schemas.json (every shipped schema file's path) and DIR/cases.jsonl (one case a
// line: {"id", "schema", "payload"}, with what the case is, for a reader); writes
// DIR/ajv-schemas.jsonl (per schema file: what ajv logged, and why it did not compile, if it
// did not) and DIR/ajv-cases.jsonl (per case: the verdict, and the first error with the member
// it names).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node validate.mjs DIR");
  process.exit(2);
}

const compiled = new Map();

// compile returns one schema file's validate function or the reason it has none, with the
// messages ajv logged while compiling it.
function compile(path) {
  if (compiled.has(path)) return compiled.get(path);
  const logged = [];
  const record = (...args) => logged.push(args.map(String).join(" "));
  const ajv = new Ajv2020({ logger: { log: record, warn: record, error: record } });
  let result;
  try {
    result = { validate: ajv.compile(JSON.parse(readFileSync(path, "utf8"))), logged };
  } catch (e) {
    result = { error: String(e?.message ?? e), logged };
  }
  compiled.set(path, result);
  return result;
}

// named are the member names an error carries besides its instance path: ajv puts the member
// a keyword is about in params (required, additionalProperties, unevaluatedProperties), and the
// name a propertyNames subschema refused in the error itself.
function named(err) {
  const p = err.params ?? {};
  return [p.missingProperty, p.additionalProperty, p.unevaluatedProperty, p.propertyName, err.propertyName].filter(
    (n) => typeof n === "string",
  );
}

// pointerSteps turns a JSON pointer ("/content/lines/2") into its steps.
function pointerSteps(pointer) {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

const schemaLines = JSON.parse(readFileSync(join(dir, "schemas.json"), "utf8")).map((path) => {
  const { error, logged } = compile(path);
  return JSON.stringify({ schema: path, logged, error });
});
writeFileSync(join(dir, "ajv-schemas.jsonl"), schemaLines.join("\n") + "\n");

const caseLines = [];
for (const line of readFileSync(join(dir, "cases.jsonl"), "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  const { validate, error } = compile(c.schema);
  if (!validate) {
    caseLines.push(JSON.stringify({ id: c.id, error: "the schema does not compile: " + error }));
    continue;
  }
  const valid = validate(c.payload);
  const first = valid ? undefined : validate.errors[0];
  caseLines.push(
    JSON.stringify({
      id: c.id,
      valid,
      error_path: first && pointerSteps(first.instancePath),
      error_message: first && first.message,
      error_names: first && named(first),
    }),
  );
}
writeFileSync(join(dir, "ajv-cases.jsonl"), caseLines.join("\n") + "\n");
