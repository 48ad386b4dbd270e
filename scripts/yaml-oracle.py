#!/usr/bin/env python3
"""PyYAML oracle for the config YAML reader.

Runs `yaml.safe_load` (what MLflow uses to read its gateway config) over every
tests/config/yaml/cases/*.yaml and writes tests/config/yaml/pyyaml-expected.json:
{case name: JSON value} or {case name: {"error": true}} when PyYAML raises.

Values JSON cannot hold are written as tagged objects so a test sees them:
non-string keys become their JSON text ("1", "true", "null") as json.dumps
does, floats inf/nan become {"$float": "inf"|"-inf"|"nan"}, dates become
{"$date": "..."}. The file is committed; tests never need Python.

    python3 scripts/yaml-oracle.py            # rewrite the expected file
    python3 scripts/yaml-oracle.py --check    # exit 1 when it is stale
"""
import datetime
import json
import math
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "tests/config/yaml/cases"
EXPECTED = ROOT / "tests/config/yaml/pyyaml-expected.json"


def key_text(key):
    if isinstance(key, str):
        return key
    if isinstance(key, (bool, int, float)) or key is None:
        return json.dumps(key)
    return {"$key": repr(key)}


def to_json(value):
    if isinstance(value, dict):
        return {key_text(k) if not isinstance(key_text(k), dict) else repr(k): to_json(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$binary": value.hex()}
    return value


def expected_for(path):
    try:
        # newline="" keeps \r\n as written; PyYAML normalises line breaks itself.
        with open(path, encoding="utf-8", newline="") as f:
            return to_json(yaml.safe_load(f.read()))
    except Exception:  # any PyYAML failure (or unhashable key) is an error case
        return {"error": True}


def main():
    result = {p.stem: expected_for(p) for p in sorted(CASES.glob("*.yaml"))}
    text = json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        stale = not EXPECTED.exists() or EXPECTED.read_text(encoding="utf-8") != text
        print("stale" if stale else "up to date")
        return 1 if stale else 0
    EXPECTED.write_text(text, encoding="utf-8")
    print(f"{len(result)} cases -> {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
