"""`outagesim import terraform` on input that is not usable Terraform: a clear message naming
the file (and the line or JSON path), exit 2, never a traceback."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from terraform_helpers import FIXTURES


def _fails(proc, *expected: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    for text in expected:
        assert text in proc.stderr, proc.stderr


def test_not_terraform_at_all(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is a shopping list\n- eggs\n")
    proc = run_cli("import", "terraform", str(path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, str(path), "line 1, column 1", "not JSON", "terraform show -json")
    assert not (tmp_path / "m.yaml").exists()


@pytest.mark.parametrize(
    "document, expected",
    [
        ({"resources": []}, "/format_version: missing"),
        ([1, 2, 3], "expected a JSON object"),
        ({"format_version": "2.0", "values": {}}, "'2.0' is not supported"),
        ({"format_version": "0.1", "planned_values": {}}, "format version 1.x"),
        ({"format_version": "1.0"}, "no 'values' (state) or 'planned_values' (plan)"),
    ],
)
def test_json_that_is_not_a_show_document(tmp_path, document, expected):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    proc = run_cli("import", "terraform", str(path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, str(path), expected)


def test_resource_without_a_type(tmp_path):
    document = {
        "format_version": "1.0",
        "values": {"root_module": {"resources": [{"address": "x", "name": "y"}]}},
    }
    path = tmp_path / "state.json"
    path.write_text(json.dumps(document))
    proc = run_cli("import", "terraform", str(path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, "/values/root_module/resources/0", "'address', 'type' and 'name'")


def test_nothing_mappable(tmp_path):
    (tmp_path / "main.tf").write_text('resource "random_pet" "name" {\n  length = 2\n}\n')
    proc = run_cli("import", "terraform", str(tmp_path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, "no resource of a type this importer maps", "random_pet", "docs/import.md")


def test_tf_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "good.tf").write_text('variable "a" {\n  default = 1\n}\n')
    (tmp_path / "broken.tf").write_text(
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n  instance_type = \n}\n'
    )
    proc = run_cli("import", "terraform", str(tmp_path), "-o", str(tmp_path / "m.yaml"))
    _fails(
        proc, str(tmp_path / "broken.tf"), "line 3, column 19", "not valid Terraform (HCL2) syntax"
    )


def test_single_tf_file_asks_for_its_directory(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n')
    proc = run_cli("import", "terraform", str(tmp_path / "main.tf"), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, "pass the directory that holds the configuration")


def test_directory_without_tf_files(tmp_path):
    proc = run_cli("import", "terraform", str(tmp_path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, "no .tf files here")


def test_missing_path(tmp_path):
    proc = run_cli("import", "terraform", str(tmp_path / "nope.json"), "-o", "m.yaml")
    _fails(proc, "nope.json", "cannot read")


@pytest.mark.parametrize("where", ["missing-dir/model.yaml", "."])
def test_unwritable_output(tmp_path, where):
    target = tmp_path / where
    proc = run_cli("import", "terraform", str(FIXTURES / "aws-webapp"), "-o", str(target))
    _fails(proc, "cannot write the model")


def test_import_needs_a_source_and_an_output(tmp_path):
    _fails(run_cli("import"), "SOURCE")
    _fails(run_cli("import", "terraform", str(FIXTURES / "aws-webapp")), "-o")


def test_success_writes_a_model_and_the_summary(tmp_path):
    target = tmp_path / "model.json"
    proc = run_cli("import", "terraform", str(FIXTURES / "aws-webapp"), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "mapped (5):" in proc.stderr and f"wrote {target}" in proc.stderr
    assert json.loads(target.read_text())["format"] == "outagesim/v1"
    validated = run_cli("validate", str(target))
    assert validated.returncode == 0, validated.stderr


def test_module_that_calls_itself_stops_with_a_message(tmp_path):
    (tmp_path / "main.tf").write_text(
        'module "again" {\n  source = "./"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n'
    )
    proc = run_cli("import", "terraform", str(tmp_path), "-o", str(tmp_path / "m.yaml"))
    _fails(proc, "modules nested deeper than 16")


def test_cycles_and_huge_counts_resolve_to_bounded_models(tmp_path):
    (tmp_path / "main.tf").write_text(
        "locals {\n  a = local.b\n  b = local.a\n}\n"
        'variable "n" {\n  default = 100000000\n}\n'
        'resource "aws_instance" "many" {\n  count = var.n\n  availability_zone = "us-east-1a"\n}\n'
        'resource "aws_instance" "odd" {\n  count = length(aws_instance.odd)\n'
        "  availability_zone = local.a\n}\n"
    )
    target = tmp_path / "m.json"
    proc = run_cli("import", "terraform", str(tmp_path), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    model = json.loads(target.read_text())
    # count is capped per block; a count that depends on itself resolves to no instance
    assert len(model["services"]["many-vm"]["replicas"]) == 10000
    assert "aws_instance.many: count 100000000 capped at 10000" in proc.stderr
    assert "odd" not in " ".join(model["services"])
