# Type stubs of outagesim.model: loading models from files, dicts and text.
import os
from typing import Any, Mapping, Optional, Union

from .architecture import Architecture

ModelSource = Union[str, os.PathLike[str], Mapping[str, Any], Architecture]
MAX_MODEL_BYTES: int

def load_file(
    path: Union[str, os.PathLike[str]], catalog_dir: Optional[str] = ...
) -> Architecture: ...
def load(model: ModelSource, catalog_dir: Optional[str] = ...) -> Architecture: ...
