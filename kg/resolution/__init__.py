"""Entity resolution: one canonical entity per thing across all papers."""
from .merge import resolve_entities

__all__ = ["resolve_entities"]
