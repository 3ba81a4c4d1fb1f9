"""The JSON Schema editors get: current, accepting every sample and scaffold, refusing what the loader refuses."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from reportgen import schema
from reportgen.errors import InputError
from reportgen.loader import load
from tests.conftest import INPUTS, ROOT

BAD = sorted((ROOT / "tests" / "data" / "bad").glob("*.yaml"))
SCAFFOLDS = sorted((ROOT / "reportgen" / "scaffolds").rglob("*.yaml"))


class PlainYaml(yaml.SafeLoader):
    """YAML as VS Code's extension reads it: dates stay text."""


PlainYaml.yaml_implicit_resolvers = {first: [(tag, rx) for tag, rx in rules if not tag.endswith(":timestamp")]
                                     for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def validator():
    document = schema.document_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def ledger_validator():
    ledger = schema.ledger_schema()
    jsonschema.Draft202012Validator.check_schema(ledger)
    return jsonschema.Draft202012Validator(ledger, format_checker=jsonschema.FormatChecker())


def errors(validator, path):
    return list(validator.iter_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=PlainYaml)))


def test_the_committed_schema_is_current():
    assert (ROOT / schema.SCHEMA_PATH).read_text(encoding="utf-8") == schema.text(), "run `reportgen schema`"
    assert (ROOT / schema.LEDGER_SCHEMA_PATH).read_text(encoding="utf-8") == schema.text(schema.ledger_schema)


LEDGER_FILES = sorted(INPUTS.rglob("台账/*.yaml")) + [ROOT / "reportgen" / "scaffolds" / "cycle" / "ledger-file.yaml"]


@pytest.mark.parametrize("path", [p for p in sorted(INPUTS.rglob("*.yaml")) + SCAFFOLDS if p not in LEDGER_FILES],
                         ids=lambda p: p.name)
def test_every_sample_and_scaffold_validates(validator, path):
    assert not errors(validator, path)


@pytest.mark.parametrize("path", LEDGER_FILES, ids=lambda p: p.name)
def test_every_ledger_file_validates_against_the_ledger_schema(ledger_validator, validator, path):
    assert not errors(ledger_validator, path)
    assert errors(validator, path), "a ledger file is not a document"


def test_the_ledger_schema_refuses_what_the_loader_refuses(ledger_validator, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("类别:\n  - 名称: 甲\n    问题:\n      - 文本: 乙\n        整改措施:\n          - 文本: 丙\n"
                   "            进展记录: [{日期: 2025-07-01, 进展: 已完城}]\n", encoding="utf-8")
    assert errors(ledger_validator, bad)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_the_schema_refuses_what_the_loader_refuses(validator, path):
    with pytest.raises(InputError):
        load(path)
    assert errors(validator, path), "the loader refuses it; the schema must too"


def test_schema_speaks_both_languages():
    document = schema.document_schema()["$defs"]["Document"]
    assert {"title", "标题", "measures", "整改措施"} <= set(document["properties"]) | set(
        schema.document_schema()["$defs"]["Category"]["properties"])
    assert document["properties"]["标题"]["title"] == "标题（title）"
    assert {"通报", "notice", "简报"} <= set(schema.document_schema()["$defs"]["Kind"]["enum"])
    assert {"已完成", "done"} <= set(schema.document_schema()["$defs"]["Status"]["enum"])
    json.dumps(document, ensure_ascii=False)


def test_samples_point_their_editor_at_the_schema():
    for path in INPUTS.rglob("*.yaml"):
        kind = schema.LEDGER_SCHEMA_PATH if path in LEDGER_FILES else schema.SCHEMA_PATH
        assert path.read_text(encoding="utf-8").startswith(schema.modeline(path, ROOT, kind)), path.name
