"""Entity extraction: find the models, datasets, methods, tasks and metrics an abstract names."""
from .pipeline import extract_entities, load_pipeline

__all__ = ["extract_entities", "load_pipeline"]
