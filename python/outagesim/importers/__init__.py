"""Importers: infrastructure code (Terraform, Kubernetes manifests) in, a model document out."""

from .kubernetes import import_kubernetes  # noqa: F401  (kubernetes)
