"""Importers: infrastructure code (Terraform, Kubernetes manifests) in, a model document out."""

from .kubernetes import import_kubernetes
from .terraform import TerraformImport, import_terraform

__all__ = ["TerraformImport", "import_terraform", "import_kubernetes"]
