"""Corpus-wide bookkeeping: term frequencies for comparison and the stamp cached aggregates are keyed by."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermFrequency(models.Model):
    """In how many stored sentences a concept term occurs: the corpus-wide weights of comparison.

    Kept by ``measures.compare.corpus``: ingest adds each new document's sentences, and
    ``manage.py refresh_term_frequencies`` recounts everything (after a change to
    ``measures.concepts`` or deleting documents).
    """

    term = models.CharField(_("词"), max_length=64, unique=True)
    sentences = models.PositiveIntegerField(_("句子数"))

    class Meta:
        verbose_name = _("词频")
        verbose_name_plural = _("词频")

    def __str__(self) -> str:
        return f"{self.term} {self.sentences}"


class CorpusStamp(models.Model):
    """One row whose ``stamp`` database triggers change on every write to the corpus tables.

    Cached aggregates are keyed by it (see ``measures.aggregates``).
    """

    stamp = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return str(self.stamp)
