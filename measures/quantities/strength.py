"""How firmly a measure commits: binding, commitment, encouragement or a target only.

Pure, with its evidence: ``measure_strength(text)`` returns the level and the cue that
decided it. The first level whose cue appears wins, in this order:

1. binding — an obligation or prohibition: 必须, 应当, 严禁, 不得, 禁止, 务必, 一律
2. target — the sentence hedges (力争, 争取, 目标) or sets a year to reach (到2013年…达到)
3. commitment — the government acts or pays: 将, 设立, 给予, 安排, 拿出, 奖励, 补助 …
4. encouragement — 鼓励, 支持, 引导, 倡导, 扶持

A hedge outranks the verbs it hedges (力争设立 is a target); an instrument outranks
encouragement (鼓励…给予奖励 is a commitment). No cue: no strength (empty level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    BINDING = "binding"
    COMMITMENT = "commitment"
    ENCOURAGEMENT = "encouragement"
    TARGET = "target"


@dataclass(frozen=True)
class Strength:
    level: Level | None
    cue: str = ""


# Each pattern's first group is the cue shown as evidence; lookarounds keep a cue out
# of longer words that mean something else (必将 is a prediction, 将来 is the future).
_PATTERNS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    (Level.BINDING, re.compile(r"(必须|应当|严禁|不得|禁止|务必|一律|须)(?<!无须)(?<!必须须)")),
    (Level.BINDING, re.compile(r"(?<![相对适供反效回答理呼])(应)(?![用对该是有急届变收届付聘试])")),
    (Level.TARGET, re.compile(r"(力争|争取|目标是|目标为|奋斗目标|预期)")),
    (
        Level.TARGET,
        re.compile(r"(到(?:19|20)\d\d年(?:底|末)?)[^。；;]*?(?:达到|实现|突破|超过|增长|提高|建成|形成|培育|完成)"),
    ),
    (Level.TARGET, re.compile(r"(到[“\"]十[一二三四五]?五[”\"]末)")),
    (
        Level.COMMITMENT,
        re.compile(
            r"(?<![必即终])(将)(?![来近军会使导])"
            r"|(设立|给予|安排|拿出|列支|奖励|奖补|补助|补贴|返还|减免|免征|免费提供|提供|实行|落实|建立|设置|出台|下达|兑现|予以)"
        ),
    ),
    (Level.ENCOURAGEMENT, re.compile(r"(鼓励|支持|引导|倡导|扶持)")),
)


def measure_strength(text: str) -> Strength:
    """The strength of one sentence and the cue that decided it.

    >>> measure_strength("区财政每年拿出50万元设立产业集群发展专项资金")
    Strength(level=<Level.COMMITMENT: 'commitment'>, cue='拿出')
    >>> measure_strength("力争到2013年，进一步推动产业结构调整")
    Strength(level=<Level.TARGET: 'target'>, cue='力争')
    >>> measure_strength("严禁违规占用耕地"), measure_strength("鼓励企业创建品牌")
    (Strength(level=<Level.BINDING: 'binding'>, cue='严禁'), Strength(level=<Level.ENCOURAGEMENT: 'encouragement'>, cue='鼓励'))
    >>> measure_strength("产业集群是经济发展的必然趋势")
    Strength(level=None, cue='')
    """
    for level, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            cue = next((group for group in match.groups() if group), match[0])
            return Strength(level, cue)
    return Strength(None)
