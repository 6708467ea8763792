"""kg: turn machine-learning paper abstracts into a knowledge graph.

>>> import kg
>>> result = kg.read("seeds")                      # doctest: +SKIP
>>> papers = kg.extract(result.papers)             # doctest: +SKIP
>>> graph = kg.build_graph(papers)                 # doctest: +SKIP
>>> kg.build("seeds", "exports")                   # doctest: +SKIP
"""

from kg.graph import build_graph
from kg.pipeline import BuildResult, build, extract
from kg.sources import Problem, ReadResult, read

__all__ = ["BuildResult", "Problem", "ReadResult", "build", "build_graph", "extract", "read"]
__version__ = "0.1.0"
