"""Writing the imported model: YAML by default, JSON for a .json path."""

from __future__ import annotations

import json
import os
from typing import Any, Dict

from ...errors import ModelError


def write_model(document: Dict[str, Any], path: str) -> None:
    if path.endswith(".json"):
        text = json.dumps(document, indent=2) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(document, sort_keys=False, width=100, allow_unicode=True)
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "is a directory")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise ModelError.single(
            path, "", f"cannot write the model: {error.strerror or error}"
        ) from None
