"""Strip web-page chrome from scraped text without losing body text.

Works on normalised (simplified, full-width punctuation) text, line by line. A page
has a header, a body and a footer: the body runs from the first to the last
*substantial* line (long, and matching no chrome pattern). Outside the body, any
line matching a chrome pattern goes, and so do short lines repeated inside removed
chrome (a site's name at the top that recurs in its footer). Inside the body only
short chrome lines go, so a long paragraph that mentions 版权 or 下载 is never lost.
Lines are removed whole or kept whole: the kept lines are always a subsequence of
the input lines.
"""

import re
from dataclasses import dataclass

from .errors import IngestError

_CHROME_PATTERNS = [
    # breadcrumbs and navigation
    r"^(当前位置|您的位置|你的位置|位置)[:：]",
    r"^首页\s*[>＞›»]",
    r"^\S{1,12}(\s*[>＞›»]\s*\S{1,12}){2,}\s*[>＞›»]?$",
    r"返回顶部|返回列表|快速回复|上一篇|下一篇|上一条|下一条|^关闭$|^查看更多$|^打印(本页|文章)?$",
    # log-in and forum furniture
    r"找回密码|立即注册|QQ登录|只需一步|快速开始|开启左侧|登录后才可以|本版积分规则|显示全部楼层|阅读模式",
    r"^\[?复制链接\]?$|^发表于\s*\d{4}-\d",
    r"^(发布人|发布者|作者|来源|编辑|责任编辑)[:：].*(发布时间|时间|日期|字体|浏览)",
    r"^(发布时间|发表时间|更新时间)[:：]",
    # footers
    r"ICP[备证]|公网安备|GMT[+-]\d|Processed in|Powered by|Copyright|©|版权所有|All rights reserved",
    r"小黑屋|手机版|Archiver|关于我们|联系我们|网站地图|免责声明",
    # document-sharing sites: VIP and download terms
    r"原创力文档|VIP|付费|下载|版权申诉|侵权必究|如有侵权|上传文档|文档评论|举报电话",
    # promotion and article-template sites
    r"^(推荐阅读|相关阅读|相关文章|热门文章|猜你喜欢|延伸阅读)",
    r"范文|润墨网|网友提供|转载请注明|文章来源|例文地址|复制分享|写作指导|写作素材|^开篇[:：]",
    r"^(分享到|收藏|点赞|评论)\b|^\d+\s*(人)?(阅读|浏览|评论)$",
]
_CHROME = re.compile("|".join(f"(?:{p})" for p in _CHROME_PATTERNS), re.IGNORECASE)

# A "substantial" line is long enough to be a paragraph of body text.
_SUBSTANTIAL_CHARS = 40
# Inside the body, only lines this short may be removed as chrome.
_SHORT_CHROME_CHARS = 30
_SITE_NAME_CHARS = 12


@dataclass(frozen=True)
class CleanResult:
    text: str
    removed: tuple[str, ...]


def is_chrome(line: str) -> bool:
    """Whether a line matches a known web-page chrome pattern.

    >>> is_chrome("发表于 2024-2-21 17:39:13 | 显示全部楼层 |阅读模式")
    True
    >>> is_chrome("设立泵阀产业专项资金。")
    False
    """
    return bool(_CHROME.search(line))


def clean_text(text: str) -> CleanResult:
    """Remove page chrome; raise IngestError if no body text is left.

    >>> clean_text("首页 > 范文大全 > 正文\\n设立泵阀产业专项资金，加强土地要素保障，加强人才队伍建设，支持行业协会建设。").text
    '设立泵阀产业专项资金，加强土地要素保障，加强人才队伍建设，支持行业协会建设。'
    """
    lines = text.split("\n")
    chrome = [is_chrome(line) for line in lines]
    long_lines = [i for i, line in enumerate(lines) if len(line) >= _SUBSTANTIAL_CHARS]
    # Prefer paragraphs free of chrome words; a text whose every paragraph mentions,
    # say, 版权 is still a text, and so is a short one without chrome at all.
    substantial = (
        [i for i in long_lines if not chrome[i]]
        or long_lines
        or [i for i, line in enumerate(lines) if line.strip() and not chrome[i]]
    )
    if not substantial:
        raise IngestError("no body text is left after removing page chrome")
    body_start, body_end = substantial[0], substantial[-1]

    drop = [
        chrome[i] and (i < body_start or i > body_end or len(line) <= _SHORT_CHROME_CHARS)
        for i, line in enumerate(lines)
    ]
    removed_chrome = " ".join(line for i, line in enumerate(lines) if drop[i])
    for i, line in enumerate(lines):
        outside_body = i < body_start or i > body_end
        if outside_body and not drop[i] and 0 < len(line) <= _SITE_NAME_CHARS and line in removed_chrome:
            drop[i] = True

    kept: list[str] = []
    for i, line in enumerate(lines):
        if drop[i]:
            continue
        if line and kept and line == kept[-1]:
            drop[i] = True  # a title repeated on consecutive lines
            continue
        kept.append(line)

    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    removed = tuple(line for i, line in enumerate(lines) if drop[i] and line)
    return CleanResult(text=cleaned, removed=removed)
