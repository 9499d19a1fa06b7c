#!/usr/bin/env python3
"""Checks that schema/formwork-definitions.schema.json agrees with Formwork's own loader.

- every shipped definition file (formwork.yaml, forms/, workflows/, examples/, templates/) is valid under it;
- the schema is never stricter than Formwork: a fixture file the schema refuses must be one that
  Formwork refuses too (its expected.txt names an error in that file).

YAML is read as yaml-language-server reads it (YAML 1.2 core: dates stay text). Needs PyYAML and
jsonschema; .ci/run installs them in a virtual environment.
Usage: python3 scripts/check-schema.py [REPO]
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars: no timestamps, only true/false as booleans."""


CoreLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(path):
    with open(path, "rb") as handle:
        return yaml.load(handle, Loader=CoreLoader)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "schema", "formwork-definitions.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft7Validator(schema)
    problems = []

    shipped = ["formwork.yaml"] + sorted(
        glob.glob("forms/*.yaml", root_dir=root)
        + glob.glob("workflows/*.yaml", root_dir=root)
        + glob.glob("examples/**/*.yaml", root_dir=root, recursive=True)
        + glob.glob("templates/**/*.yaml", root_dir=root, recursive=True)
    )
    for name in shipped:
        try:
            document = load(os.path.join(root, name))
        except yaml.YAMLError as error:
            problems.append(f"{name}: not YAML an editor reads: {error}")
            continue
        errors = list(validator.iter_errors(document))
        for error in errors[:3]:
            problems.append(f"{name}: shipped file refused by the schema at {list(error.absolute_path)}: {error.message}")

    fixtures = os.path.join(root, "Tests", "FormworkDefinitionsTests", "Fixtures", "invalid")
    refused = agreed = 0
    for folder in sorted(glob.glob(os.path.join(fixtures, "*", ""))):
        with open(os.path.join(folder, "expected.txt"), encoding="utf-8") as handle:
            expected = handle.read()
        for path in sorted(glob.glob(os.path.join(folder, "**", "*.yaml"), recursive=True)):
            name = os.path.relpath(path, folder)
            try:
                document = load(path)
            except Exception:  # not YAML PyYAML reads (hostile files): Formwork judges those alone
                continue
            if document is None or not isinstance(document, dict):
                continue
            errors = list(validator.iter_errors(document))
            if not errors:
                continue
            refused += 1
            if re.search(r"(^|\n)" + re.escape(name) + r":\d+:\d+: error:", expected):
                agreed += 1
            else:
                error = errors[0]
                problems.append(
                    f"{os.path.basename(os.path.dirname(folder))}/{name}: the schema refuses it "
                    f"({list(error.absolute_path)}: {error.message}) but Formwork reports no error in that file"
                )

    for problem in problems:
        print(problem)
    print(f"{len(shipped)} shipped files valid; {refused} fixture files refused by the schema, {agreed} also by Formwork")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
