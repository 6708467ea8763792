"""The VoID description that ends every RDF export: what the dataset holds, and from what.

Counts of triples, subjects and instances per class are taken by the mapper on the way
(:class:`kg.exports.rdf_mapping.RdfMapper`), so this is written last, from those counts,
and holds no timestamp: the same graph gives the same description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from kg.exports.rdf_terms import ONTOLOGY, RDF_TYPE, VOCABULARIES, encode_segment, integer, string, v

if TYPE_CHECKING:
    from kg.exports.rdf_mapping import Block, Pair, RdfMapper

_LABEL, _DERIVED = v("rdfs:label"), v("prov:wasDerivedFrom")


def class_counts(type_sets: Counter[tuple[str, ...]]) -> Counter[str]:
    """Instances of each kg class, from the counts of each closed set of classes.

    Examples
    --------
    >>> paper, entity = v("kg:Paper"), v("kg:Entity")
    >>> class_counts(Counter({(paper, v("prov:Entity")): 2, (entity,): 1}))[paper]
    2
    """
    counts: Counter[str] = Counter()
    for closed, n in type_sets.items():
        for cls in closed:
            if cls.startswith(ONTOLOGY):
                counts[cls] += n
    return counts


def void_blocks(mapper: RdfMapper, inputs: list[str]) -> Iterator[Block]:
    """The dataset's description and one class partition per kg class, after every other block."""
    try:
        kg_version = version("kg")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        kg_version = "unknown"
    base = mapper.base
    title = string("kg knowledge graph")
    classes = class_counts(mapper.type_sets)
    pairs: list[Pair] = [
        (RDF_TYPE, v("void:Dataset")), (RDF_TYPE, v("prov:Entity")), (_LABEL, title),
        (v("dcterms:title"), title),
        (v("dcterms:description"), string(
            f"Built by kg {kg_version} from {len(inputs)} input(s) and "
            f"{classes.get(v('kg:Paper'), 0)} paper(s).")),
        (v("void:uriSpace"), string(base)),
        (v("void:triples"), integer(mapper.triples)),
        (v("void:entities"), integer(sum(mapper.type_sets.values()))),
        (v("void:distinctSubjects"), integer(mapper.subjects)),
    ]
    pairs.extend((v("void:vocabulary"), VOCABULARIES[prefix].rstrip("#"))
                 for prefix in sorted(VOCABULARIES) if prefix not in ("rdf", "xsd", "owl"))
    for path in inputs:
        pairs += [(v("dcterms:source"), mapper.source(path)), (_DERIVED, mapper.source(path))]
    parts = []
    for cls, count in sorted(classes.items()):
        local = cls[len(ONTOLOGY):]
        part = base + "void/" + encode_segment(local)
        pairs.append((v("void:classPartition"), part))
        parts.append(mapper.block(part, [
            (RDF_TYPE, v("void:Dataset")), (_LABEL, string(f"{local} partition")),
            (v("void:class"), cls), (v("void:entities"), integer(count))], count=False))
    yield mapper.block(base + "void", pairs, count=False)
    yield from parts
