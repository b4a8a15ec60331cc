"""validate.py DIR — python-jsonschema's verdicts on the cases conformance/external_test.go wrote.

Every schema is used as a newcomer would use it: Draft202012Validator on the file alone, with no
registry or store of other schemas; a $ref to another file is refused rather than fetched, so a
schema that is not self-contained fails here whatever the network allows.

Reads DIR/schemas.json (every shipped schema file's path) and DIR/cases.jsonl (one case a line:
{"id", "schema", "payload"}, with what the case is, for a reader); writes
DIR/python-schemas.jsonl (per schema file: why it is not a valid 2020-12 schema, if it is not)
and DIR/python-cases.jsonl (per case: the verdict, and the error jsonschema.validate would
raise, best_match's, with its path and message).
"""

import json
import sys
from importlib.metadata import version

import jsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match


def refuse_remote(uri):
    raise jsonschema.RefResolutionError(uri + " is another file: a shipped schema must hold all it refers to")


# Before 4.18 jsonschema resolves a $ref to another file by fetching its URL; handlers that refuse
# stop that. From 4.18 on, a validator without a registry fetches nothing by itself.
FETCHES_REFS = tuple(int(n) for n in version("jsonschema").split(".")[:2]) < (4, 18)


def validator(schema):
    if FETCHES_REFS:
        refuse = {"http": refuse_remote, "https": refuse_remote, "file": refuse_remote}
        return Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, handlers=refuse))
    return Draft202012Validator(schema)


compiled = {}


def load(path):
    """Returns the validator of one schema file, or the reason it has none."""
    if path not in compiled:
        try:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)
            compiled[path] = (validator(schema), None)
        except Exception as e:  # a file that is not a valid schema is a finding, not a crash
            compiled[path] = (None, "%s: %s" % (type(e).__name__, getattr(e, "message", e)))
    return compiled[path]


def main(directory):
    with open(directory + "/schemas.json", encoding="utf-8") as f:
        paths = json.load(f)
    with open(directory + "/python-schemas.jsonl", "w", encoding="utf-8") as out:
        for path in paths:
            _, error = load(path)
            out.write(json.dumps({"schema": path, "error": error}) + "\n")

    with open(directory + "/cases.jsonl", encoding="utf-8") as cases, open(
        directory + "/python-cases.jsonl", "w", encoding="utf-8"
    ) as out:
        for line in cases:
            case = json.loads(line)
            v, error = load(case["schema"])
            result = {"id": case["id"]}
            if v is None:
                result["error"] = "the schema does not load: " + error
            else:
                try:
                    best = best_match(v.iter_errors(case["payload"]))
                    result["valid"] = best is None
                    if best is not None:
                        result["error_path"] = list(best.absolute_path)
                        result["error_message"] = best.message
                except Exception as e:  # an unresolvable $ref surfaces only while validating
                    result["error"] = "%s: %s" % (type(e).__name__, e)
            out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: validate.py DIR")
    # The mutations push numbers past the schemas' longest texts (65,000 digits); Python's own
    # guard against slow int parsing would refuse them before any schema sees them.
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    main(sys.argv[1])
