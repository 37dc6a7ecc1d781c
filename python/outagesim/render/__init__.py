"""Output: text reports, HTML tables, Graphviz DOT. Renderers take plain data (a result, a dict,
a frame) and return text; they import nothing above them in the package."""
