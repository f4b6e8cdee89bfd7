"""Pure helpers on Chinese administrative-division names, shared by the gazetteer build and detection."""

from __future__ import annotations

import re

# The 55 minority nationalities' names as they appear inside autonomous-unit names
# (``丰宁满族自治县``, ``新疆维吾尔自治区``): data about naming, not places.
NATIONALITIES = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各",
]

# Longest first, so 自治县 is stripped before 县.
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "矿区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)

_NATIONALITY = "|".join(sorted(NATIONALITIES, key=len, reverse=True))
_ETHNIC_TAIL = re.compile(rf"(?:(?:{_NATIONALITY})族?)+$")

# Names that only stand for "the districts/counties of this city" in old code tables.
PLACEHOLDERS = re.compile(r"^(市辖区|县|郊区县)$|直辖")


def short_name(name: str) -> str:
    """The name without its level suffix or nationality, as texts often write it.

    >>> short_name("丰宁满族自治县"), short_name("新疆维吾尔自治区"), short_name("黑龙江省"), short_name("盐湖区")
    ('丰宁', '新疆', '黑龙江', '盐湖')
    """
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or suffix == "特别行政区":
                stem = _ETHNIC_TAIL.sub("", stem) or stem
            return stem
    return name


def is_placeholder(name: str) -> bool:
    """True for table rows such as 市辖区 or 省直辖县级行政区划 that are not real units.

    >>> is_placeholder("市辖区"), is_placeholder("省直辖县级行政区划"), is_placeholder("城区")
    (True, True, False)
    """
    return bool(PLACEHOLDERS.search(name))
