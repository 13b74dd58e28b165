"""The JSON output validates against the schema shipped in the package."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from conftest import SAMPLES, summarize


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("ctipcalc").joinpath("summary.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("options", [{}, {"period": "FY2024", "by": "quarter"},
                                     {"suppress_below": 5}, {"by": "month"},
                                     {"by": "quarter", "suppress_below": 3,
                                      "cumulative_from": "2023-10-01"}])
def test_samples_json_is_schema_valid(schema, options):
    data = json.loads(json.dumps(summarize([SAMPLES], **options).to_dict()))
    jsonschema.validate(data, schema)


def test_schema_rejects_a_renamed_key(schema, samples_result):
    data = json.loads(json.dumps(samples_result.to_dict()))
    data["indicators"][0]["total"] = data["indicators"][0].pop("value")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_suppressed_cells_are_null_and_listed(samples_result):
    data = summarize([SAMPLES], suppress_below=5).to_dict()
    cb1 = next(i for i in data["indicators"] if i["code"] == "CB-1")
    assert cb1["disaggregations"]["sex"]["unknown"] is None
    assert "sex.unknown" in cb1["suppressed"]
    assert cb1["disaggregations"]["sex"]["female"] == 19
    lh3 = next(i for i in data["indicators"] if i["code"] == "LH-3")
    # LH-3 for 4 men of 6 equipped: numerator 4 < 5 → the whole rate cell is hidden.
    assert lh3["disaggregations"]["sex"]["male"] == {"value": None, "numerator": None,
                                                     "denominator": None}
