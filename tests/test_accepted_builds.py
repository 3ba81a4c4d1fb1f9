"""What validate accepts, build makes: documents at the edge of the schema's shapes either are refused by
validate or render to PDF and DOCX — never a crash in between (five-deep sections once passed validate and
broke the numbering; a 成文日期 after 2107 broke the DOCX's ZIP stamps)."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings

from reportgen.errors import InputError
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.strategies import edges


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(edges())
def test_what_validate_accepts_build_makes(tmp_path_factory, doc):
    try:
        loaded = load_text(yaml.safe_dump(doc, allow_unicode=True), "edge.yaml")
    except InputError:
        return  # refused at the door, with a message: the other half of the property
    html, pdf, word = Builder(tmp_path_factory.mktemp("edge")).render(loaded)[0]
    assert pdf.startswith(b"%PDF") and word.startswith(b"PK")
