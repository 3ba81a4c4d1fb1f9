"""The JSON Schema of a document, from the model, for editors: VS Code's YAML extension validates and completes
with it as one types (`# yaml-language-server: $schema=…` on a file's first line).

Pydantic writes the schema of the English fields; this adds what editors see and may write: the Chinese key
beside each English one (either, not both), Chinese titles, every word the loader accepts for 文种, 进展 and
插入, and the short forms the loader turns into lists (a single name, a single paragraph, a measure as text).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from .errors import OutputError, os_reason
from .model import INSERT_WORDS, INSERTS, ITEM_STYLE_WORDS, ITEM_STYLES, KIND_WORDS, STATUS_WORDS, ZH, Document

SCHEMA_PATH = Path("schema") / "reportgen.schema.json"
LEDGER_SCHEMA_PATH = Path("schema") / "reportgen-ledger.schema.json"
DATE_ZH = r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"
# Fields the loader also accepts as one string instead of a list.
ONE_OR_MANY = {"signer", "to", "cc", "org_mark", "attachments", "body", "measures", "reported_to", "sent_to",
               "distributed_to"}
DATES = ("date", "printed_date", "as_of", "previous_as_of", "dated", "completed", "feedback_date", "due")
SUMMARY_KEYS = [*STATUS_WORDS, "total", ZH["total"]]


def _nullable(node: dict) -> dict:
    """The non-null branch of Optional[...]."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    return options[0] if len(options) == 1 else node


def _one_or_many(node: dict) -> dict:
    inner = _nullable(node)
    if inner.get("type") == "array":
        return {**{k: v for k, v in node.items() if k not in ("anyOf", "type", "items", "minItems")},
                "anyOf": [inner, {"type": "string", "minLength": 1}]}
    return node


def _field(name: str, node: dict) -> dict:
    node = copy.deepcopy(node)
    if name in ONE_OR_MANY:
        node = _one_or_many(node)
    if name in DATES:
        node = {k: v for k, v in node.items() if k not in ("anyOf", "type", "format")}
        node["anyOf"] = [{"type": "string", "format": "date"}, {"type": "string", "pattern": DATE_ZH}]
    if name == "seal":
        node = {k: v for k, v in node.items() if k != "anyOf"}
        node["anyOf"] = [{"$ref": "#/$defs/Seal"}, {"type": "string", "minLength": 1}, {"type": "boolean"}]
    if name == "summary":
        node["propertyNames"] = {"enum": SUMMARY_KEYS}
    if name == "ledger" and "anyOf" in node:  # the ledger itself, or the files that hold it
        node["anyOf"] = [_nullable(node), {"type": "string", "minLength": 1},
                         {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]
    node["title"] = f"{ZH.get(name, name)}（{name}）"
    return node


def _both_names(model: dict) -> None:
    """Each English property gets its Chinese twin; a required field may be given by either name."""
    properties, required = model.get("properties", {}), model.pop("required", [])
    rules = []
    for name in list(properties):
        node = _field(name, properties[name])
        properties[name] = node
        if name in ZH:
            properties[ZH[name]] = node
            rules.append({"not": {"required": [name, ZH[name]]}})
    for name in required:
        rules.append({"anyOf": [{"required": [name]}, {"required": [ZH[name]]}]} if name in ZH
                     else {"required": [name]})
    if rules:
        model["allOf"] = rules


def document_schema() -> dict:
    schema = Document.model_json_schema()
    defs = schema.setdefault("$defs", {})
    defs["Document"] = {k: v for k, v in schema.items() if k not in ("$defs",)}
    for model in defs.values():
        if model.get("type") == "object" and "properties" in model:
            _both_names(model)
    defs["Kind"] = {"title": "文种", "type": "string", "enum": list(KIND_WORDS)}
    defs["Status"] = {"title": "进展", "type": "string", "enum": list(STATUS_WORDS)}
    defs["Insert"]["properties"]["insert"] = defs["Insert"]["properties"][ZH["insert"]] = {
        "title": "插入（insert）", "type": "string", "enum": [*INSERTS, *INSERT_WORDS],
        "description": defs["Insert"]["properties"]["insert"].get("description", "")}
    item_style = defs["Paragraph"]["properties"]["item_style"]
    defs["Paragraph"]["properties"]["item_style"] = defs["Paragraph"]["properties"][ZH["item_style"]] = {
        "title": item_style["title"], "type": "string", "enum": [*ITEM_STYLES, *ITEM_STYLE_WORDS],
        "description": item_style.get("description", ""), "default": item_style.get("default")}
    issue_no = defs["Document"]["properties"]["issue_no"]
    issue_no["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "integer", "minimum": 1}]
    for name in ("Problem", "Measure"):  # a problem or a measure may be written as its text alone
        for model in defs.values():
            for prop in model.get("properties", {}).values():
                items = prop.get("items") or next((o.get("items") for o in prop.get("anyOf", []) if "items" in o), None)
                if items == {"$ref": f"#/$defs/{name}"}:
                    items.clear()
                    items["anyOf"] = [{"$ref": f"#/$defs/{name}"}, {"type": "string", "minLength": 1}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://reportgen.invalid/reportgen.schema.json",
        "title": "reportgen 整改文稿（YAML）",
        "description": "字段可写英文或中文名（如 title 或 标题），二者择一。",
        "$ref": "#/$defs/Document",
        "$defs": defs,
    }


def ledger_schema() -> dict:
    """The schema of a ledger file: what an inline 整改台账 holds."""
    return {**document_schema(), "$id": "https://reportgen.invalid/reportgen-ledger.schema.json",
            "title": "reportgen 整改台账文件（YAML）", "$ref": "#/$defs/Ledger"}


def text(make=document_schema) -> str:
    return json.dumps(make(), ensure_ascii=False, indent=1) + "\n"


def write(root: Path = Path(".")) -> Path:
    """Writes schema/reportgen.schema.json (and the ledger files' schema beside it) under ``root`` when they
    differ; returns the document schema's path."""
    if root.exists() and not root.is_dir():
        raise OutputError(root, "是一个文件，不是文件夹：schema/reportgen.schema.json 要写在一个文件夹里")
    for path, make in ((LEDGER_SCHEMA_PATH, ledger_schema), (SCHEMA_PATH, document_schema)):
        target = root / path
        content = text(make)
        try:
            if not target.is_file() or target.read_text(encoding="utf-8", errors="replace") != content:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
        except OSError as e:
            raise OutputError(target, f"无法写入：{os_reason(e)}") from None
    return root / SCHEMA_PATH


def modeline(document: Path, root: Path = Path("."), schema: Path = SCHEMA_PATH) -> str:
    """The first line that points VS Code's YAML extension at the schema (``LEDGER_SCHEMA_PATH`` for a
    ledger file), relative to ``document``."""
    folder, base = document.resolve().parent, root.resolve()
    if folder.is_relative_to(base):
        target = Path(*[".."] * len(folder.relative_to(base).parts)) / schema
    else:
        target = base / schema
    return f"# yaml-language-server: $schema={target.as_posix()}\n"
