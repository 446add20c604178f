"""Ingest and annotation on several processes or machines, with the store identical to one
process's: workers prepare batches (reading, features, sketches, annotations), the one
writer places and stores them in input order. Design and figures: ``docs/scale.md``.

Dask is imported only when a cluster is used: the in-process paths need nothing more.
"""

from newsprism.scale.annotating import AnnotateSummary, annotate_store
from newsprism.scale.cluster import ClusterProgress, connect
from newsprism.scale.ingesting import ingest_on_cluster

__all__ = ["AnnotateSummary", "ClusterProgress", "annotate_store", "connect", "ingest_on_cluster"]
