"""The package version (kept equal to project(VERSION) in CMakeLists.txt and pyproject.toml)."""

__version__ = "0.1.0"
