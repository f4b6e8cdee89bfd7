"""Concepts: words that mean the same thing in policy texts, in one place.

Policy documents say the same thing in different words — 引进人才, 引入人才, 招引人才;
专项资金 and 专项经费; 园区 and 开发区. Comparison (``measures.compare.similarity``) maps
every word to its concept before weighing it, and search can expand a query word into
its group (``synonyms``), so both read the same list.

Groups are general policy vocabulary, not any one document's wording: each group
lists words a reader would accept as interchangeable in a measure, and the first word
is the concept's name. A word belongs to at most one group (a test checks this).
"""

from __future__ import annotations

from functools import cache

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    # bringing people, firms or capital in
    ("引进", "引入", "招引", "吸引", "引来", "延揽", "吸纳", "招揽", "引育"),
    ("留住", "留人", "留得住", "拴心留人", "稳住"),
    ("人才", "人材", "英才", "高层次人才", "高端人才", "高级人才"),
    ("培训", "培养", "培育人才", "实训", "轮训"),
    ("技工", "技术工人", "产业工人", "熟练工人"),
    ("招商", "招商引资", "招引项目"),
    # money
    ("专项资金", "专项经费", "专项扶持资金", "发展资金", "引导资金"),
    ("奖补", "奖励", "补贴", "补助", "奖补资金", "资金奖励", "以奖代补"),
    ("贷款", "信贷", "授信", "贴息", "贷款贴息"),
    ("融资", "筹资", "投融资", "融资渠道", "资金融通"),
    ("担保", "信用担保", "融资担保", "贷款担保", "担保机构", "担保中心"),
    ("产业基金", "投资基金", "引导基金", "股权基金", "发展基金"),
    ("税收优惠", "减税", "免税", "税费减免", "减免税", "税收返还"),
    ("上市", "股改上市", "挂牌"),
    # land and parks
    ("用地", "土地", "建设用地", "工业用地", "土地指标"),
    ("园区", "工业园", "工业园区", "产业园", "产业园区", "开发区", "集聚区", "聚集区", "产业区"),
    ("基础设施", "配套设施", "三通一平", "七通一平", "五通一平"),
    ("标准厂房", "厂房"),
    # branding and markets
    ("品牌", "名牌", "品牌建设", "区域品牌", "公共品牌"),
    ("商标", "驰名商标", "著名商标"),
    ("营销", "市场营销", "市场推广", "推介", "宣传推广", "展销"),
    ("电子商务", "电商", "网上销售"),
    ("展会", "博览会", "展览会", "交易会"),
    # platforms and services
    ("平台", "服务平台", "公共服务平台", "公共平台"),
    ("检测中心", "检验检测", "质检中心", "检测平台", "检验中心"),
    ("研发中心", "技术中心", "工程技术中心", "技术研发中心", "研究院"),
    ("行业协会", "协会", "商会", "产业联盟"),
    ("产学研", "校企合作", "政产学研", "政产学研市"),
    ("科研机构", "科研院所", "高校", "高等院校"),
    # how government acts
    ("设立", "设置", "成立", "组建", "建立", "创设"),
    ("领导小组", "工作专班", "专班"),
)

# Words that say *how hard* or *how much* rather than *what*: every measure is 加快, 加强 or
# 积极 something, and 给予…万元以上 fits any grant.
# Left in, they make unrelated measures look alike; the stored frequencies alone do not
# push them low enough, because a clause has only a handful of words.
_HOW_HARD = "加快 加强 加大 积极 大力 进一步 努力 着力 切实 全面 推进 推动 促进 实施 开展 做好 抓好 坚持 强化 提升 提高 完善 健全 不断 逐步 深入 重点 主要 有关 相关 各类 各项 一批 一定 工作 方面 以及 我县 我区 我市 全县 全区 全市 要求 需要 通过 按照 围绕 根据 有效 充分 发挥 作用 力争 确保 尽快 同时 形成 实现"
# Amounts and thresholds: the numbers are compared elsewhere; the words alone fit any grant.
_HOW_MUCH = "万元 亿元 以上 以下 以内 不超过 超过 最高 最低 每家 每年 一次性 一次 给予 标准 比例 进行 对于 对此"
GENERIC_WORDS = frozenset(_HOW_HARD.split()) | frozenset(_HOW_MUCH.split())


@cache
def _canonical_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            mapping[word] = group[0]
    return mapping


def canonical(word: str) -> str:
    """The concept a word stands for (the word itself when it is in no group).

    >>> canonical("引入"), canonical("招引"), canonical("泵阀")
    ('引进', '引进', '泵阀')
    """
    return _canonical_map().get(word, word)


def synonyms(word: str) -> tuple[str, ...]:
    """Every word of ``word``'s group, the word first; just the word when it has none.

    >>> synonyms("引入")
    ('引入', '引进', '招引', '吸引', '引来', '延揽', '吸纳', '招揽', '引育')
    """
    concept = _canonical_map().get(word)
    if concept is None:
        return (word,)
    group = next(g for g in SYNONYM_GROUPS if g[0] == concept)
    return (word, *(w for w in group if w != word))


def is_generic(word: str) -> bool:
    """Whether a word carries no policy content of its own (see ``GENERIC_WORDS``)."""
    return word in GENERIC_WORDS
