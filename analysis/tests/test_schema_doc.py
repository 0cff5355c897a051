"""The synthetic files and the reader follow docs/comparison-schema.md (the contract)."""
import h5py

from analysis import schema
from analysis.tests import schema_doc
from analysis.tests.synthetic import METRICS


def test_reader_and_doc_agree_on_the_version():
    assert schema_doc.schema_version() == schema.SCHEMA_VERSION


def test_fixture_writes_every_meta_attribute_of_the_doc(comparison_file):
    documented = schema_doc.meta_attributes()
    with h5py.File(comparison_file, "r") as f:
        written = set(f["meta"].attrs)
        assert "scenario_yaml" in f["meta"]
    assert set(documented) == written
    assert set(schema.REQUIRED_META) <= set(documented)


def test_fixture_metrics_are_the_docs(design):
    assert schema_doc.metrics() == [(m[0], m[1]) for m in METRICS]


def test_fixture_groups_start_as_the_doc_says(design):
    leading = schema_doc.leading_groups()
    assert design.groups[: len(leading)] == leading
    assert design.groups[len(leading):len(leading) + 2] == ["target:pilot_2012", "non_target:pilot_2012"]
