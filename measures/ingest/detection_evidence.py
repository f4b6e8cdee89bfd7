"""Detection evidence in the reader's language.

Metadata detection (``ingest.detect``) and region detection (``regions.detect``) keep each
piece of evidence in Chinese as ``zone：quote`` (``落款日期：2022年1月24日``), so a stored plan
reads the same whatever language it was made in. Shown to a reader, the zone is named in
the reader's language; the quote is the document's own text and stays as written.
"""

from __future__ import annotations

from django.utils.translation import pgettext, pgettext_lazy

# Every zone the two detectors write, spelled out so that makemessages finds each one.
_ZONES = {
    "标题": pgettext_lazy("evidence zone", "标题"),
    "标题行": pgettext_lazy("evidence zone", "标题行"),
    "标题中的年度": pgettext_lazy("evidence zone", "标题中的年度"),
    "原标题": pgettext_lazy("evidence zone", "原标题"),
    "版头": pgettext_lazy("evidence zone", "版头"),
    "网页标题": pgettext_lazy("evidence zone", "网页标题"),
    "网页标题报道文件": pgettext_lazy("evidence zone", "网页标题报道文件"),
    "无标题行，以文号为题": pgettext_lazy("evidence zone", "无标题行，以文号为题"),
    "网页元数据": pgettext_lazy("evidence zone", "网页元数据"),
    "网页日期": pgettext_lazy("evidence zone", "网页日期"),
    "讲话标题": pgettext_lazy("evidence zone", "讲话标题"),
    "讲话人": pgettext_lazy("evidence zone", "讲话人"),
    "作者署名": pgettext_lazy("evidence zone", "作者署名"),
    "署名行": pgettext_lazy("evidence zone", "署名行"),
    "落款": pgettext_lazy("evidence zone", "落款"),
    "落款日期": pgettext_lazy("evidence zone", "落款日期"),
    "印发语": pgettext_lazy("evidence zone", "印发语"),
    "日期行": pgettext_lazy("evidence zone", "日期行"),
    "发布时间行": pgettext_lazy("evidence zone", "发布时间行"),
    "文号": pgettext_lazy("evidence zone", "文号"),
    "发文机关": pgettext_lazy("evidence zone", "发文机关"),
    "开头": pgettext_lazy("evidence zone", "开头"),
    "正文": pgettext_lazy("evidence zone", "正文"),
    "下辖地区": pgettext_lazy("evidence zone", "下辖地区"),
    "新闻式标题": pgettext_lazy("evidence zone", "新闻式标题"),
    "新闻用语": pgettext_lazy("evidence zone", "新闻用语"),
    "答复代表建议": pgettext_lazy("evidence zone", "答复代表建议"),
    "征求意见": pgettext_lazy("evidence zone", "征求意见"),
    "讲话口吻": pgettext_lazy("evidence zone", "讲话口吻"),
    "提出对策": pgettext_lazy("evidence zone", "提出对策"),
    "自述文种": pgettext_lazy("evidence zone", "自述文种"),
    "政策条目": pgettext_lazy("evidence zone", "政策条目"),
    "通知用语": pgettext_lazy("evidence zone", "通知用语"),
}
# Region detection's count of 我省 / 全省 in the body: ``正文“我省/全省” ×7``.
_BODY = "正文"


def in_reader_language(item: str) -> str:
    """One piece of evidence with its zone named in the reader's language (unknown zones as stored).

    >>> in_reader_language("落款日期：2022年1月24日"), in_reader_language("正文“我省/全省” ×7")
    ('落款日期：2022年1月24日', '正文“我省/全省” ×7')
    >>> from django.utils.translation import override
    >>> with override("en"):
    ...     in_reader_language("落款日期：2022年1月24日"), in_reader_language("正文“我省/全省” ×7")
    ('Signature date: 2022年1月24日', 'Body: “我省/全省” ×7')
    """
    zone, colon, quote = item.partition("：")
    if colon and zone in _ZONES:
        return f"{_ZONES[zone]}{pgettext('label separator', '：')}{quote}"
    if item.startswith(_BODY + "“"):
        return pgettext("evidence zone", "正文%(quote)s") % {"quote": item[len(_BODY) :]}
    return item
