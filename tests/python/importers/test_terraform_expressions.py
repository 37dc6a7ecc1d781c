"""The Terraform expression evaluator: what resolves without running Terraform, and what is
left unknown (never an exception)."""

from __future__ import annotations

import pytest
from outagesim.importers.terraform.hcl_expr import Scope, evaluate_value
from outagesim.importers.terraform.resources import Ref, Unknown

VARIABLES = {
    "azs": ["us-east-1a", "us-east-1b", "us-east-1c"],
    "env": "prod",
    "size": 3,
    "sites": {"east": {"zone": "1"}, "west": {"zone": "2"}},
}
LOCALS = {"prefix": "shop-prod", "ha": True}


def _scope(count_index=None, each=None):
    def resource(rtype, name):
        return Ref(f"{rtype}.{name}", "*")

    return Scope(
        lambda n: VARIABLES.get(n, Unknown(f"var.{n}")),
        lambda n: LOCALS.get(n, Unknown(f"local.{n}")),
        resource,
        lambda m, o: Unknown(f"module.{m}.{o}"),
        count_index,
        each,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain text", "plain text"),
        ("${var.azs[count.index]}", "us-east-1c"),
        ("${element(var.azs, count.index + 1)}", "us-east-1a"),
        ("web-${count.index}", "web-2"),
        ('${var.env == "prod" ? 3 : 1}', 3),
        ("${local.ha && var.size > 2}", True),
        ("${length(var.azs) * 2 - 1}", 5),
        ("${slice(var.azs, 0, 2)}", ["us-east-1a", "us-east-1b"]),
        ('${var.sites["west"].zone}', "2"),
        ('${lookup(var.sites, "east", {}).zone}', "1"),
        ('${[for z in var.azs : upper(z) if z != "us-east-1b"]}', ["US-EAST-1A", "US-EAST-1C"]),
        ("${{for k, v in var.sites : k => v.zone}}", {"east": "1", "west": "2"}),
        ('${format("%s-%d", local.prefix, var.size)}', "shop-prod-3"),
        ("${merge({a = 1}, {b = 2})}", {"a": 1, "b": 2}),
        ('${concat(var.azs, ["x"])[3]}', "x"),
        ('${try(var.missing, "fallback")}', "fallback"),
        ("${-var.size % 2}", -1),
        ("<<EOT\nnot an expression\nEOT", "<<EOT\nnot an expression\nEOT"),
    ],
)
def test_resolved(text, expected):
    assert evaluate_value(text, _scope(count_index=2)) == expected


def test_each_and_lists():
    scope = _scope(each=("east", {"zone": "1"}))
    assert evaluate_value(["${each.key}", "${each.value.zone}"], scope) == ["east", "1"]


@pytest.mark.parametrize(
    "text",
    [
        "${var.missing}",
        "${module.vpc.private_subnets[0]}",
        "${data.aws_ami.latest.id}",
        "${cidrsubnet(var.azs, 8, 1)}",  # a function the evaluator does not know
        "${var.missing ? 1 : 2}",
        "name-${var.missing}",
        "${var.azs[var.missing]}",
        "${var.azs[9]}",
        "${1 / 0}",
        "${count.index}",  # outside a counted block
        "${(((((}",
        "%{ for z in var.azs }${z}%{ endfor }",
    ],
)
def test_unknown_never_raises(text):
    assert isinstance(evaluate_value(text, _scope()), Unknown)


def test_resource_references_are_refs():
    value = evaluate_value("${aws_db_instance.main}", _scope())
    assert value == Ref("aws_db_instance.main", "*")


def test_same_branches_of_an_unknown_condition():
    assert evaluate_value('${var.missing ? "a" : "a"}', _scope()) == "a"


def test_deep_nesting_is_refused_not_a_crash():
    text = "${" + "(" * 5000 + "1" + ")" * 5000 + "}"
    assert isinstance(evaluate_value(text, _scope()), Unknown)
