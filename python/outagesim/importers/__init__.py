"""Importers: turn infrastructure code (Terraform, Kubernetes) into outagesim model documents."""

from .terraform import TerraformImport, import_terraform

__all__ = ["TerraformImport", "import_terraform"]
