"""How firmly a measure commits: binding, commitment, encouragement or a target only.

Pure, with its evidence: ``measure_strength(text)`` returns the level and the cue that
decided it. The first level whose cue appears wins, in this order:

1. binding — an obligation, prohibition or directive: 必须, 应当, 应, 要, 严禁, 不得, 禁止, 务必
2. target — the sentence hedges (力争, 争取到, 目标) or sets a year to reach (到2013年…达到)
3. commitment — the government gives an instrument: 将, 设立, 给予, 安排, 拿出, 奖励, 补助 …
4. encouragement — 鼓励, 支持, 引导, 倡导, 扶持, 允许, unless an action verb (建立, 实行,
   提供 …) comes first, which makes it a commitment.

A hedge outranks the verbs it hedges (力争设立 is a target); an instrument outranks
encouragement (鼓励…给予奖励 is a commitment), but an action verb after 支持 is what the
supported party does (支持企业建立分厂 is encouragement). A *measure* with no cue states an
action of the issuer and counts as a commitment: ``Measure.strength`` applies that rule in
the database (``stated_strength`` holds this function's answer), ``strength_level`` here.
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
# of longer words that mean something else (必将 is a prediction, 将来 is the future,
# 重要 and 需要 are not 要, 争取支持 seeks support rather than setting a goal).
_BINDING = re.compile(
    r"(必须|应当|严禁|不得|禁止|务必|一律)"
    r"|(?<![无必])(须)"
    r"|(?<![相对适供反效回答理呼顺响])(应)(?![用对该是有急届变收付聘试力])"
    r"|(?<![重主需必只纲摘简概想扼提首险机紧])(要)(?![素求点闻件害塞冲道领务职员数])"
)
_TARGET = re.compile(
    r"(力争|争取(?=到|在|实现|达到|用|于)|目标是|目标为|奋斗目标|预期)"
    r"|(到(?:19|20)\d\d年(?:底|末)?)[^。；;]*?(?:达到|实现|突破|超过|增长|提高|建成|形成|培育|完成)"
    r"|(到[“\"]十[一二三四五]?五[”\"]末)"
)
# An instrument the government gives is a commitment wherever it stands; an action verb
# after 支持/引导 is usually what the supported party does (支持企业建立分厂).
_INSTRUMENT = re.compile(
    r"(?<![必即终可])(将)(?![来近军会使导])"
    r"|(设立|给予|安排|拿出|列支|奖励|奖补|补助|补贴|返还|减免|免征|免费提供|下达|兑现|予以)"
)
_ACTION = re.compile(r"(提供|实行|落实|建立|设置|出台)")
_ENCOURAGEMENT = re.compile(r"(鼓励|支持|引导|倡导|扶持|允许)")


def measure_strength(text: str) -> Strength:
    """The strength of one sentence and the cue that decided it (level None when no cue).

    >>> measure_strength("区财政每年拿出50万元设立产业集群发展专项资金")
    Strength(level=<Level.COMMITMENT: 'commitment'>, cue='拿出')
    >>> measure_strength("力争到2013年，进一步推动产业结构调整")
    Strength(level=<Level.TARGET: 'target'>, cue='力争')
    >>> measure_strength("严禁违规占用耕地"), measure_strength("支持龙头企业在乡镇建立分厂")
    (Strength(level=<Level.BINDING: 'binding'>, cue='严禁'), Strength(level=<Level.ENCOURAGEMENT: 'encouragement'>, cue='支持'))
    >>> measure_strength("统一规划县乡村公共设施")
    Strength(level=None, cue='')
    """
    for level, pattern in ((Level.BINDING, _BINDING), (Level.TARGET, _TARGET), (Level.COMMITMENT, _INSTRUMENT)):
        if match := pattern.search(text):
            return Strength(level, _cue(match))
    action, encouragement = _ACTION.search(text), _ENCOURAGEMENT.search(text)
    if encouragement and (action is None or encouragement.start() < action.start()):
        return Strength(Level.ENCOURAGEMENT, _cue(encouragement))
    if action:
        return Strength(Level.COMMITMENT, _cue(action))
    return Strength(None)


def strength_level(strength: Strength, *, is_measure: bool) -> Level | None:
    """The level a reader sees: a measure without a cue states a commitment.

    >>> strength_level(Strength(None), is_measure=True), strength_level(Strength(None), is_measure=False)
    (<Level.COMMITMENT: 'commitment'>, None)
    """
    if strength.level is None and is_measure:
        return Level.COMMITMENT
    return strength.level


def _cue(match: re.Match[str]) -> str:
    return next((group for group in match.groups() if group), match[0])
