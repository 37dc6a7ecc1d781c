"""The limits of the Python layer (options, YAML, sweeps); docs/limits.md lists each."""

from . import _core

# The engine's seed is an unsigned 64-bit integer.
MAX_SEED = 2**64 - 1
# At a microsecond per replication, more than a billion would outlast any --max-time anyway;
# the engine's own default ceiling of replications is the same.
MAX_REPLICATIONS = 1_000_000_000
# More cut sets than anyone reads; keeps the value within the engine's size_t.
MAX_TOP = 1_000_000
# Each variant is validated before any runs and evaluated at least once; beyond this a sweep
# is a mistake in a --vary list (a grid multiplies) rather than a study.
MAX_VARIANTS = 10_000

# The loader's nesting limit, for YAML as for JSON (one limit, whatever the syntax). Deeper
# YAML would also exhaust Python's recursion limit in the composer; no model needs more than a
# dozen levels.
YAML_MAX_DEPTH: int = _core.MAX_NESTING_DEPTH
# Aliases share a node in the file but are copied when the document is written as JSON for
# the loader, so 500 bytes of nested aliases can expand to gigabytes ("billion laughs"). What
# aliases may add to a document, in nodes and in bytes of text (the model file size limit).
YAML_ALIAS_MAX_NODES = 1_000_000
YAML_ALIAS_MAX_BYTES = 16 * 1024 * 1024
