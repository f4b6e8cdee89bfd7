"""The list's closed vocabularies: which sentences to show (``Kind``) and in what order (``Sort``)."""

from django.utils.translation import gettext_lazy as _

from ..models import QuantityKind


class Kind:
    MEASURES = "measures"
    CONTEXT = "context"
    ALL = "all"
    CHOICES = [(MEASURES, _("措施")), (CONTEXT, _("背景")), (ALL, _("全部句子"))]


class Sort:
    RELEVANCE = "relevance"
    DOCUMENT = "document"
    NEWEST = "newest"
    MONEY_DESC = "-money"
    MONEY = "money"
    LAND_DESC = "-land"
    CHOICES = [
        (RELEVANCE, _("相关度")),
        (DOCUMENT, _("文件顺序")),
        (NEWEST, _("最新文件")),
        (MONEY_DESC, _("金额从高到低")),
        (MONEY, _("金额从低到高")),
        (LAND_DESC, _("土地面积从大到小")),
    ]
    # sort value → (quantity kind, descending)
    BY_QUANTITY = {
        MONEY_DESC: (QuantityKind.MONEY, True),
        MONEY: (QuantityKind.MONEY, False),
        LAND_DESC: (QuantityKind.LAND, True),
    }
