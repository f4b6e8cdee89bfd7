"""What a line of web-page chrome looks like, and what a line of body text looks like.

Pure predicates over one normalised line (simplified characters, full-width punctuation
next to Chinese). ``clean.py`` decides *where* on a page each kind may be removed; this
module only names the kinds. The patterns describe the structure of site furniture —
key: value metadata, bylines, breadcrumbs, print and font controls, page headers,
disclaimers — and the vocabulary every Chinese site uses for it, never one site's words.
"""

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Bullets and list dashes that sites put in front of navigation and metadata items.
_LEADING_BULLETS = re.compile(r"^[\s\-–—•·●○◆◇■□▪▸►*>|]+")

# Chrome *words*: a line containing one of these is chrome when it is short or lies
# outside the body (a long body paragraph may mention 版权 or 下载 and stays).
_LOOSE_PATTERNS = [
    # breadcrumbs and navigation
    r"^(当前位置|您的位置|你的位置|位置|(您|你)当前的?位置|(您|你)现在的位置|((您|你)?(当前|现在))?所在的?位置)[:：]",
    r"^首页\S{0,10}\s*[>＞›»]|^首页\s*/|[>＞›»/]\s*(正文|详情|内容|列表)$",
    # a run of link titles on one line: 午夜论坛丨…丨…丨… (removed only outside the body: a table row looks alike)
    r"^([^|丨｜]{1,24}[|丨｜]){5,}[^|丨｜]{0,24}$",
    r"^\S{1,12}(\s*[>＞›»]{1,2}\s*\S{1,12}){2,}\s*[>＞›»]?$",
    r"返回顶部|返回列表|返回首页|快速回复|上一篇|下一篇|上一条|下一条|^关闭$|^查看更多$|^打印(本页|文章)?$",
    # a page's box labels: 具体信息 / 公示原文 above the text they frame
    r"^(具体信息|基本信息|信息详情|公示原文|政策原文|文件原文|原文内容|详细内容|文章内容)[:：]?$",
    # log-in and forum furniture
    r"找回密码|立即注册|QQ登录|只需一步|快速开始|开启左侧|登录后才可以|本版积分规则|显示全部楼层|阅读模式",
    r"^(头衔|昵称|发帖数|回帖数|主题数|精华|积分|可用积分数|注册日期|注册时间|最后登[陆录]|在线时间|阅读权限)\s*[:：]",
    r"^\[?复制链接\]?$|^发表于\s*\d{4}-\d",
    # footers
    r"ICP[备证]|公网安备|GMT[+-]\d|Processed in|Powered by|Copyright|©|版权所有|All rights reserved",
    r"小黑屋|手机版|Archiver|关于我们|联系我们|网站地图|免责声明|加入收藏|设为首页|^RSS$|^正文[:：]?$|^导读[:：]",
    # document-sharing sites: VIP and download terms
    r"原创力文档|VIP|付费|下载|版权申诉|侵权必究|如有侵权|侵权投诉|上传文档|文档评论|举报电话",
    # a site's account and accessibility bar: 登录 | 注册 微信 简体 繁体, 无障碍阅读 进入适老模式
    r"^登录\s*[|｜丨/]\s*注册|简体\s*繁体|^无障碍|适老模式|长者模式|关怀模式|^English$",
    # blog counters: 发表在 某某 留言(0) 人气()
    r"留言\s*[（(]\d*[)）]|人气\s*[（(]\d*[)）]|^全站热搜$",
    # promotion and article-template sites
    r"^(推荐阅读|相关阅读|相关文章|热门文章|猜你喜欢|延伸阅读|热门相关|推荐关注|精彩推送|精彩推荐|相关报道)",
    r"范文|网友提供|转载请注明|文章来源|例文地址|复制分享|写作指导|写作素材|^开篇[:：]|我要投稿",
    r"^(分享到|收藏|点赞|评论)\b|^\d+\s*(人|次)?(阅读|浏览|评论)$|^举报$|^共有\s*\d+\s*条评论",
    # a podcast or app page's English controls: Share, Description, a nav word glued to the show's name
    r"^(Share|Description|Subscribe|Episodes?|Comments?|Transcript|Show notes)$|^(Discover|Explore|Home|Menu)(?![A-Za-z])",
    # an e-paper's page navigation: 通版阅读请点击：, 当前版：02版, 本期发布：, 上一版
    r"^(通版阅读|版面导航|本版导航|版面目录|本期发布|本期导读|本期目录|往期回顾|往期查询|上一版|下一版|上一期|下一期)|"
    r"^当前版[:：]|^第\d{1,3}版[:：]|请点击[:：]?$",
    # a news site's header: 新闻热线 0891-6325020, 数字报系, 移动端, 滚动资讯：
    r"^(新闻|服务|投诉|举报|咨询|值班|报料|爆料)?热线\s*[:：]?\s*[\d\-－—\s]{7,}$|"
    r"^(数字报系?|电子报|电子版|移动端|客户端|手机版|手机报|微信版|小程序)$|"
    r"^(滚动资讯|滚动新闻|滚动播报|最新资讯|热点资讯|最新动态|热点新闻|今日关注|即时新闻)[:：]?$",
    # a government site's information-disclosure menu: 法定主动公开内容, 依申请公开, 信息公开年度报告
    r"^(政府)?信息公开(指南|制度|目录|年报|年度报告|规定)?$|^(法定)?主动公开(内容|目录)?$|^依申请公开$|"
    r"^(政策文件|政策解读|相关文件|公示公告|通知公告)$|^(在线咨询|在线访谈|我要咨询|我要留言|我要评论)$",
    # a page's links to related items and readings: 相关办事指南, 相关解读：, 文字解读
    r"^相关(办事指南|解读|文件|链接|附件|政策|新闻|资讯|稿件|信息)[:：]?$|^(文字|图片|图解|视频|动画|媒体|专家)解读[:：]?$",
    # a channel list: 某某网永州频道某某网张家界频道某某网益阳频道…
    r"^(?!.*[。！？；，,])(.{1,12}(频道|专栏|栏目)){3,}",
]

# A date with a time of day: how a site stamps a page, never how a document dates itself.
DATE_TIME_STAMP = r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}(:\d{2})?"

# An author's byline, which makes a text commentary: 文/某某（某某大学）, 文丨某某.
AUTHOR_BYLINE = r"^(文|撰文|作者|文字)\s*[/丨|｜]\s*[^\s，。；/丨|｜]{2,8}([（(][^（）()]{2,30}[)）])?$"

# The masthead of an official document (版头), also printed as a PDF's page header:
# 某某市人民政府文件, 某某省人民政府办公厅行政规范性文件
MASTHEAD = (
    rf"^[{_CJK}（）()、·]{{2,40}}(人民政府|办公厅|办公室|委员会|管委会|领导小组|厅|局|委|部)(行政)?(规范性)?文件$"
)

# Chrome *shapes*: a line that starts or is built like one of these is chrome wherever it
# stands, unless it reads as body text (``is_body_like``).
METADATA_KEYS = (
    "索引号|主题分类|主题词|发布人|发布者|发布单位|发布机构|发文机关|发文单位|发文机构|成文日期|发文日期|发布日期|发布时间|发表时间|"
    "更新时间|公开方式|公开范围|公开时限|公开日期|统一编号|登记号|发文字号|文号|有效性|时效性|生效日期|失效日期|"
    "浏览次数|点击数|点击量|点击次数|点击|访问量|阅读量|阅读数|浏览量|责任编辑|发布部门|信息来源|文章来源|稿件来源|来源|作者|编辑|"
    "审核|校对|组配分类|体裁分类|服务对象|公文种类|信息分类|所属主题|所属机构|关键词|关键字|标签|字号|"
    "所属地区|所属区域|所属行业|效力状态|效力级别|时效状态|文件类型|"
    "中图分类号|文献标识码|文章编号|作者姓名|作者单位|通讯作者|基金项目|收稿日期"
)
# Who wrote, edited, checked or photographed a report, signed under it.
_CREDIT_KEYS = (
    "来源|编辑|编审|责任编辑|责编|审核|审校|校对|监制|主编|统筹|出品|制作|撰稿|供稿|作者|记者|通讯员|摄影|摄像|"
    "初审|复审|终审|美编"
)
# A photographer's credit ending a caption: 记者某某摄, 某某日报记者某某摄, 某某局供图, （受访者供图）
PHOTO_CREDIT = r"[（(]?([^。！？；，（）()\s]{0,12}(记者|通讯员)[^。！？；，（）()\s]{2,12}摄|[^。！？；，（）()\s]{2,16}供图)[)）]?"
# The keys of a government page's metadata table, which never open a sentence of a document.
_TABLE_KEYS = "索引号|主题分类|发布机构|发文机关|成文日期|发文字号|文号|公文时效|有效性|公开方式"
# Keys too common in body text to be chrome on their own; chrome beside a metadata line.
_WEAK_METADATA_KEYS = "标题|名称|分类|类别|主题|日期|时间|编号|状态"
_ANCHORED_PATTERNS = [
    rf"^({METADATA_KEYS})\s*[:：]",
    # two metadata keys on one line (a flattened table row)
    rf"({METADATA_KEYS}|{_WEAK_METADATA_KEYS})\s*[:：].{{0,60}}\s({METADATA_KEYS})\s*[:：]",
    # reprint and source lines
    r"^本文(转自|转载自|转载于|来自|来源|摘自)|^(转自|转载自|摘自|原标题|原文链接|原文地址|查看原文|阅读原文)[:：]|^阅读原文$",
    # a normative document's registration number: HHCR-2023-01005
    r"^[A-Z]{2,6}-(19|20)\d{2}-\d{3,6}$",
    # an index number printed without its key: 114502247537121335/2021-75478, 000014348/2025-05151
    r"^[0-9A-Z]{8,24}\s*/\s*(19|20)\d{2}-\d{3,6}$",
    # a metadata table's date cell flattened without its colon: 成文日期 2025-06-09
    r"^(成文日期|发文日期|发布日期|印发日期)\s*(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$",
    # a site's answer to a click: 取消收藏成功！, 收藏成功
    r"^(取消)?(收藏|关注|点赞|订阅)(成功|失败)[!！]?$",
    # a page's document-type tag: • 类型：通知
    r"^(文件|公文|信息)?类型\s*[:：]\s*(通知|意见|办法|公告|通告|决定|方案|规定|通报|函|批复|规划|细则|报告|其他|其它)$",
    # a newspaper's source line: 《某某报》(2023年02月25日 A1版）
    r"^《[^《》]{2,20}》\s*[（(]\s*(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^（）()]{0,12}[)）]$",
    # a writer's credit in brackets with the office before it: （某某县政府办：某某某）
    r"^[（(][^（）()：:。，,；]{2,16}[:：]\s*[\u4e00-\u9fff·]{2,4}[)）]$",
    # an attachment table's header row: 序号 附件名称 文件属性
    r"^序号\s*(附件名称|文件名称|附件|名称|标题)",
    # disclaimers
    r"(文档|本文档|预览|下载).{0,20}(退款|客服|甄别|自行承担)|"
    r"版权声明|仅代表作者(本人|个人)?(的)?观点|不代表本(站|网|平台|号|刊)|不代表\S{0,12}(观点|立场)|如有侵权|侵权必究|侵删|"
    r"版权归(原)?作者|转载请注明|未经(许可|授权).{0,8}(转载|复制|使用)|免责声明|^本文献已被.{0,30}收录",
    # previous / next article
    r"^(上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)[:：]?",
    # app banners
    r"^(打开|下载)\S{0,12}(APP|App|app|客户端|新闻)|查看更多图片|(APP|App|客户端)内?(打开|查看|阅读)|"
    r"^(展开全文|阅读全文|点击(查看|阅读|展开)\S{0,6})$",
    # font-size and print controls
    r"[【\[]\s*(字体|字号|打印|关闭|收藏|分享|我要纠错|纠错)|^(字体|字号|字级)\s*[:：]\s*[【\[]|字体[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中|"
    r"^[【\[]?(打印本页|关闭窗口|打印此页|关闭本页)[】\]]?$|"
    # a control's label alone on its line (字级：, 分享：, 朗读) and the font sizes listed under it
    r"^(分享[到至]?|字级|字号|字体|朗读|语音播报|听新闻)\s*[:：]?$|^(打印|关闭|收藏)\s*(字号|字体)\s*[:：]?$|^(特大|超大|大|中|小|默认|标准)(字|号|字号)?$|^A\s+A(\s+A)?$|^A\s*[+\-＋－]?$",
    # a weather widget: 03/14 周六 某某县|20°C - 24°C
    r"^[^。！？；]{0,30}-?\d{1,2}\s*(°C|℃)\s*[-~～至/]\s*-?\d{1,2}\s*(°C|℃)[^。！？；]{0,10}$",
    # a bare web address
    r"^(https?://|www\.)\S+$",
    # a time-stamped byline: 2024-11-21 13:50:00 / 某某社 /, 2019-12-04 16:00 来源：某某社
    rf"^([^\s。！？；，]{{1,12}}\s+)?{DATE_TIME_STAMP}[^。！？；，\s]{{0,12}}([\s/|｜丨]+[^。！？；\s]{{1,16}}){{0,3}}[\s/|｜丨]*$",
    # a byline run together: 某某发布时间：2020-05-19 09:10:00来源：某某日报, 2014-10-17 来源：某某网作者：某某
    # (not a title the page glued its date to: 关于印发《…》的通知发布日期：…)
    r"^(?!.*[。！？；])(?!.*(关于|印发|《))(?=.*(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    r"(?=.*(来源|作者|发布时间|发布日期|浏览次数|点击数|评论)\s*[:：]).{0,160}$",
    # a date with a time of day under a key, whatever follows: 时间：2019-06-09 22:52来源：某某网作者：
    rf"^({_WEAK_METADATA_KEYS})\s*[:：]\s*{DATE_TIME_STAMP}",
    # a column label beside the page's date: 招商动态 |2016-04-14, 2016-04-14 | 要闻
    r"^([^\s|｜丨。，；：:]{2,10}\s*[|｜丨]\s*){1,3}(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$|"
    r"^(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(\s*[|｜丨]\s*[^\s|｜丨。，；：:]{2,10}){1,3}$",
    # a relative time left alone on a line by the page's layout (the lead of the first sentence): “今天上午”
    r"^[“\"‘]?(今天|今日|昨天|昨日|前天|日前|近日|当天|当日)(上午|下午|晚上|晚间|早上|凌晨|中午)?[”\"’]?$",
    # a compilation's running header with its page number: 某某政策汇编 246
    r"^[^。！？；，]{2,30}(汇编|精编|选编|词典|手册|文件集)\s*(第\s*)?\d{1,4}\s*页?$",
    # a document-sharing site's file facts: 39.14KB, 4 页, 共12页, 约2.27万字, 2026-03-06 发布于山东
    r"^\d+(\.\d+)?\s*(KB|MB|K|M|B)$|^[共约]?\s*\d{1,4}\s*页$|^约?\s*\d+(\.\d+)?\s*万?字$|"
    r"^(19|20)\d{2}-\d{1,2}-\d{1,2}\s*(发布|上传)于\S{0,8}$",
    # and its sharing notice: 《某某办法.docx》由会员分享，可在线阅读，更多相关《…(3页珍藏版)》请在某某上搜索。
    r"由(会员|用户|网友)分享|可在线阅读|请在\S{1,12}上搜索|珍藏版[)）]?》",
    # a government page's metadata table flattened without colons: 索引号 000014348/2025-05151 主题分类…
    rf"^({_TABLE_KEYS})\s*.{{0,60}}?({_TABLE_KEYS})",
    # a key in English from a page template: date 2026-03-01 快讯
    r"^([Dd]ate|[Tt]ime|[Ss]ource|[Aa]uthor|[Pp]osted|[Uu]pdated?|[Pp]ublished)\s*[:：]?\s*(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\S*(\s+\S{1,4})?$",
    r"^Tags?\s*[:：]",
    # a wire service's dateline on a line of its own: 某某社／ 某地1日电
    r"^[^\s，。]{2,8}社\s*[／/]\s*[^\s，。]{2,6}\d{1,2}日电$",
    # a template site's own voice: 下面是小编为大家收集的…
    r"小编(为|给|為|給)?大家(整理|收集|精心|准备|带来)",
    # a journal page: 2025 NO.4, a date glued to the authors' names, an affiliation with its postcode
    r"^(19|20)\d{2}\s*(NO|No|no)\.?\s*\d{1,2}$",
    rf"^(19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}[{_CJK}]{{2,30}}$",
    r"^[（(]?(\d[.．、])?[^。！？]{2,60}(大学|学院|研究院|研究所|科学院|研究中心)[^。！？]{0,40}\d{6}\s*[)）;；]?$",
    # a journal's issue line: 某某科技与产业 2020年7期
    r"^[^。！？；，\s]{2,20}\s*(19|20)\d{2}\s*年\s*第?\s*\d{1,3}\s*期$",
    # an author's byline: 文/某某（单位）, 文丨某某, 撰文：某某
    AUTHOR_BYLINE,
    # an editor's or reporter's note in brackets, with a wire code after it: （编辑：某某）1131121
    # (its closing bracket lost where the page was cut: （责编：某某、某)
    r"^[（(【\[](责任编辑|编辑|责编|记者|通讯员|校对|审核|来源)[:：][^（）()【】]{1,20}([)）】\]]\s*\d*)?$",
    # a credit line with a bar: 来源|某某融媒体中心, 编审|某某 某某
    rf"^({_CREDIT_KEYS})\s*[|｜丨]\s*[^。！？；|｜丨]{{1,30}}$",
    # a report's end mark, after the writer's name perhaps: （完）, （某某）（完）
    r"^([（(][\u4e00-\u9fff·]{2,4}[)）])?[（(【\[](完|全文完|本文完)[)）】\]]$",
    # a photo caption: 图为…, 会议现场, or a caption's sentence signed by the photographer
    rf"^图为[^。！？；]{{2,60}}[。！]?$|^[{_CJK}]{{2,8}}现场$|^([^。！？；]{{2,60}}[。！])?\s*{PHOTO_CREDIT}$",
    # flip-book page headers and bare page numbers
    r"^Page\s*\d+\b|^P\.\s*\d+$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$|^[-—–]\s*\d{1,4}\s*[-—–]$|^\d{1,4}$|"
    r"^\d{1,4}\s*/\s*\d{1,4}$",
    # QR codes and follow-us blocks
    r"^扫码|扫一扫|长按(识别|扫描)|扫描(下方|上方|左侧|右侧|文末)?二维码|二维码(关注|下载|分享)|"
    r"加入\S{0,10}(交流群|群聊|社群|读者群)|关注(我们|公众号|微信号|官方微信)",
    # image and video captions
    r"^[（(【\[]?(资料图|资料图片|图片|配图|视频)[^（）()]{0,12}[)）】\]]?$|^图片来源[:：]",
    # a sharing site's cut-off notice: （未完，全文共2010字，当前显示249字）, （请认真阅读下面的提示信息）
    r"^[（(]?(未完|待续)[，,]?[^（）()]{0,30}[)）]?$|全文共\s*\d+\s*字|^[（(]?请(认真)?阅读(下面|以下)的?提示(信息)?[)）]?$",
    # site banners: 欢迎您访问某某网, 欢迎访问某某信息网！
    r"^\S{0,16}欢迎(您|你)(?!们)(访问|光临|来到)?\S{0,8}[!！]?$|^欢迎(访问|光临)\S{0,20}[!！。]?$",
    # a site's name with its slogan or its English name: 某某网--中国某某信息网, 某某传媒 | Some Media
    r"^[^\s。，；！？]{2,12}网\s*(--|—|－|\|)\s*[^\s。，；！？]{2,20}(网|网站)$",
    rf"^[{_CJK}]{{2,10}}\s*[|｜丨]\s*[A-Za-z][A-Za-z .&'-]{{2,40}}$",
    # a page's banner with today's date and weekday: 2026年 / 2 月 19日 / 星期四
    r"^(19|20)\d{2}\s*[年/.\-]\s*[/]?\s*\d{1,2}\s*[月/.\-]\s*[/]?\s*\d{1,2}\s*日?[\s/|｜，,]*(星期|周|礼拜)[一二三四五六日天]$",
    # a blog template's breadcrumb and filing line: Home 新闻区 交通产经, 发布在 交通产经，新闻区
    rf"^Home\s*[{_CJK}\s>＞›»/]{{2,24}}$|^发布在\s*[^。！？；]{{2,30}}$",
    # a reporter's byline with the paper and the place: 某某日报／ 记者某某/高雄即时报导
    r"^[^。，；！？]{0,12}[/／|｜\s]*记者\s*[^。，；！？\s]{2,12}([/／\s][^。，；！？\s]{1,10})?(报导|报道|电|摄)$",
    # an outlet's byline with the reporter and the place: 某某新闻─李某某/高雄
    rf"^[^\s，。；]{{2,10}}[─—–-]{{1,2}}[{_CJK}]{{2,4}}\s*[/／]\s*[{_CJK}]{{2,4}}$",
    # an e-paper's masthead furniture: 国内统一刊号：CN50-0064, 当前报纸名称：某某报, 版面翻页, 按日期搜索, 【PDF版】
    r"^国内统一(连续出版物)?刊号|^当前(报纸|报刊|刊物|版面)(名称)?\s*[:：]|^(版面翻页|按日期(搜索|查询|检索)|往期(检索|搜索))$|"
    r"^[【\[](PDF|pdf)版?[】\]]$",
    # the paper's e-edition name, its social accounts, its publisher's address in the footer:
    # 某某报数字报纸, 微信公众平台：ABC999, 某某日报报业集团地址：…
    r"^[\u4e00-\u9fff]{2,12}(数字报纸?|数字报刊|电子报纸?)$|"
    r"^(微信公众(平台|号)|微信号|公众号|官方微博|微博|抖音号?)\s*[:：]\s*[A-Za-z0-9_\-]{3,30}$|"
    r"^[^\s。，；]{2,16}(报业集团|报社|杂志社|网站)(地址|电话|邮编)\s*[:：]",
    # a weekday alone, a key with a bare date alone: 星期一, 时间：2019-09-11
    r"^(星期|礼拜)[一二三四五六日天]$|^(时间|日期)\s*[:：]\s*(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$",
    # a time stamp written day first: 15.12.2016 19:04
    r"^\d{1,2}[./-]\d{1,2}[./-](19|20)\d{2}\s+\d{1,2}:\d{2}(:\d{2})?$",
    # a reporter's bare byline: 记者某某, 本报见习记者某某, （某某日报记者某某）, 记者某某 通讯员某某
    r"^[（(]?[^\s（）()。，；：:]{0,8}(?<!以)(记者|通讯员)\s*(?!(了解|获悉|看到|发现|注意|采访|走访|来到|从|在))"
    r"[\u4e00-\u9fff·]{2,4}((\s*[、\s]\s*|(记者|通讯员))[\u4e00-\u9fff·]{2,4}){0,3}[)）]?$",
    # a site's navigation box and language menu: 服务导航, 繁体中文 ENGLISH
    r"^(服务导航|网站导航|站点导航|快速导航|栏目导航)$|"
    r"^(简体中文|繁体中文|繁體中文|中文版?|English|ENGLISH)\s*[|/｜丨]?\s*(简体中文|繁体中文|繁體中文|English|ENGLISH|Deutsch|日本语|日本語|Français|Русский|한국어)",
    # a teaser of another article, ending in its link: 某地举行某某座谈会。[详细] -
    r"^[^\[【]{0,200}[\[【](详细|详情|更多|全文)[\]】]\s*[-—]?$",
    # a date picker's month and year: 12 2014
    r"^\d{1,2}\s+(19|20)\d{2}$",
    # a pager: 1 2 3 4 5 6 7
    r"^1\s+2\s+3(\s+\d{1,3})*$",
    # a footer's licence and police filing numbers: 许可证编号：…, 黑网公安备 23010202010023号
    r"^许可证编号\s*[:：]|公安备\s*\d{6,}",
    # a photo credit: 照片／某某局提供, 图/某某 摄
    r"^(照片|图片|图|摄影|图文)\s*[/／:：]\s*[^。！？；]{2,30}(提供|摄)$|^(图|摄影|图文)\s*[/／]\s*[^。！？；，]{2,30}$",
]
# A heading that introduces a list of other articles' headlines.
_LINK_LIST_HEADER = re.compile(
    r"^(热门相关|热门推荐|热门文章|热门阅读|热点推荐|热点新闻|相关推荐|推荐关注|相关阅读|推荐阅读|相关文章|相关新闻|相关链接|"
    r"延伸阅读|猜你喜欢|最新文章|最新资讯|精彩推荐|精彩推送|热门推送|相关报道|为你推荐|热门标签|大家都在看|看了又看|"
    r"图文资讯|相关资讯|更多资讯|更多新闻|推荐新闻|新闻推荐|图片新闻)"
)

# A rule with a label in it (------分隔线------), matched before bullets are stripped.
_LABELLED_RULE = re.compile(r"^[-—–=_*~]{3,}\s*(?!附)[^-—–=_*~\s]{1,10}\s*[-—–=_*~]{3,}$")

# a related item in a bulleted list, dated after its headline: - 某某调研某某工作 2020-08-27, - 2020-09-11
_DATED_LIST_ITEM = re.compile(r"^[-—•·]\s*([^\s。！？；，,]{4,40}\s+)?(19|20)\d{2}-\d{1,2}-\d{1,2}$")
_LOOSE = re.compile("|".join(f"(?:{p})" for p in _LOOSE_PATTERNS), re.IGNORECASE)
_ANCHORED = re.compile("|".join(f"(?:{p})" for p in _ANCHORED_PATTERNS))
_WEAK_METADATA = re.compile(rf"^({_WEAK_METADATA_KEYS})\s*[:：]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]{0,200})?/?>")
_HAS_WORD = re.compile(rf"[{_CJK}A-Za-z0-9]")
_LIST_NUMBER_ONLY = re.compile(r"^(\d{1,3}|[一二三四五六七八九十])[.、]?$")

# Body text: a sentence (it has a terminator) in which the government does something.
_TERMINATOR = re.compile(r"[。！？；!?;]")
_ACTION = re.compile(
    "设立|建立|建设|支持|鼓励|给予|奖励|补助|补贴|扶持|加强|加快|推进|推动|实施|完善|提高|提升|培育|引导|落实|"
    "安排|保障|减免|优先|组织|开展|制定|出台|打造|发展|促进|引进|设置|投入|贴息|担保|简化|降低|免征|返还|予以|"
    "搭建|成立|健全|深化|强化|优化|用于|加大|实行|提供|新建|扩大|规划|推行|推广|执行|建成|组建|创建|新增|"
    "减少|取消|放宽|允许|免除|享受|列入|纳入|认定|评选|表彰|奖补|补偿|资助|帮助|协调|指导|服务|保护|监管|整治"
)
# Sites speak in their own voice: a "sentence" that does is a notice about the site.
_SITE_VOICE = re.compile(
    r"本站|本网|欢迎(您|你)?(访问|光临)|VIP|会员|付费|点击|扫码|登录|注册|网友|上传|侵权必究|如有侵权|转载|客服|下载(本|该)?文档|范文|例文|https?://|"
    r"免责声明|版权声明|小编|(收藏|关注|点赞|订阅)(成功|失败)|"
    # a caption signed by its photographer, however active its sentence
    rf"{PHOTO_CREDIT}$"
)
# A keyword list (关键词：竞争极；产业集群；资助模式) is no sentence, whatever words it lists.
_KEYWORD_LINE = re.compile(r"^(关键词|关键字|主题词|标签|中图分类号)\s*[:：]")
_BODY_MIN_CHARS = 6
_LIST_HEADER_CHARS = 12


def strip_bullets(line: str) -> str:
    """The line without leading bullets, dashes and spaces.

    >>> strip_bullets("  • 国家经济管理")
    '国家经济管理'
    """
    return _LEADING_BULLETS.sub("", line).strip()


def is_chrome(line: str) -> bool:
    """Whether a line matches a known web-page chrome pattern (a word or a shape).

    >>> is_chrome("发表于 2024-2-21 17:39:13 | 显示全部楼层 |阅读模式")
    True
    >>> is_chrome("- 浏览次数:241")
    True
    >>> is_chrome("设立泵阀产业专项资金。")
    False
    """
    return is_loose_chrome(line) or is_anchored_chrome(line)


def is_loose_chrome(line: str) -> bool:
    return bool(_LOOSE.search(strip_bullets(line)))


def is_anchored_chrome(line: str) -> bool:
    """Chrome by its shape: metadata, bylines, disclaimers, banners, page headers, tag debris.

    >>> is_anchored_chrome("【字体:")
    True
    >>> is_anchored_chrome("联系电话:0731-88955435")
    False
    """
    stripped = strip_bullets(line)
    return (
        is_debris(line)
        or bool(_DATED_LIST_ITEM.match(line.strip()))
        or bool(_LABELLED_RULE.match(line.strip()))
        or (bool(stripped) and bool(_ANCHORED.search(stripped)))
    )


_EMPTY_METADATA = re.compile(rf"^({METADATA_KEYS}|{_WEAK_METADATA_KEYS}|类型)\s*[:：]$")
_BULLETED_KEY = re.compile(rf"^\s*[•·●○◆◇■□▪▸►\-–—*]\s*[{_CJK}]{{2,6}}\s*[:：]$")


def is_empty_metadata_key(line: str) -> bool:
    """A metadata key whose value a site printed on the next line: ``• 发布部门 :``.

    >>> is_empty_metadata_key("  • 发布部门 :"), is_empty_metadata_key("发布部门：某某厅")
    (True, False)
    """
    return bool(_EMPTY_METADATA.match(strip_bullets(line)))


def is_bulleted_key(line: str) -> bool:
    """A bullet, a short label and a colon, nothing else: an item of a site's info box
    (``• 项目类型 :``) when it stands among other such items.

    >>> is_bulleted_key("  • 扶持方式 :"), is_bulleted_key("一、扶持方式：")
    (True, False)
    """
    return bool(_BULLETED_KEY.match(line))


def is_weak_metadata(line: str) -> bool:
    """A ``标题:`` / ``名称:`` line: metadata only when it stands in a metadata table."""
    return bool(_WEAK_METADATA.match(strip_bullets(line)))


def is_debris(line: str) -> bool:
    """A non-blank line with no words once leaked HTML tags are gone (``<tbody id=…>``, ``>>``, ``•``).

    >>> is_debris('  • <tbody id="rxb7u"></tbody>')
    True
    >>> is_debris("1. <th></th>")
    True
    >>> is_debris("第一章")
    False
    """
    if not line.strip():
        return False
    words = strip_bullets(_HTML_TAG.sub("", line))
    return not _HAS_WORD.search(words) or bool(_LIST_NUMBER_ONLY.match(words))


# A run of short phrases with commas and no sentence end: SEO keywords, when above the text.
_PHRASE_LIST = re.compile(r"^(?!.*[。！？；!?;])(?!.*[:：]$)([^，,丨|]{1,16}[，,丨|]){3,}[^，,丨|]{1,16}$")
# Authors' names above an article: 陈某，王某某，姚某某
# The same strung with dashes, five phrases or more: 国产三区在线-久久精品-…
_DASHED_LIST = re.compile(r"^(?!.*[。！？；!?;，,])([^-]{2,16}-){4,}[^-]{2,16}$")
# (joined by commas: 县委、县政府 on a line of its own signs a text)
_NAME_LIST = re.compile(rf"^([{_CJK}]{{2,3}}\s*[，,]\s*){{1,8}}[{_CJK}]{{2,3}}$")


# The vocabulary of the adult-video and gambling keywords that spam sites inject into copied pages.
_SPAM_WORD = re.compile(
    r"在线|视频|精品|免费|一区|二区|三区|无码|字幕|福利|国产|日韩|欧美|亚洲|高清|成人|午夜|久久|不卡|"
    r"彩票|棋牌|娱乐城|博彩|官网|体育app|开云|半岛"
)
_SPAM_PHRASES = 2


def is_spam_list(line: str) -> bool:
    """Short phrases strung together, at least two of them spam keywords: chrome wherever it stands.

    >>> is_spam_list("视频综合在线，免费在线不卡，精品一区二区，综合在线视频")
    True
    >>> is_spam_list("电子信息，装备制造，新材料，生物医药")
    False
    """
    line = line.strip()
    if not is_phrase_list(line):
        return False
    phrases = re.split(r"[，,丨|\-]", line)
    return sum(bool(_SPAM_WORD.search(phrase)) for phrase in phrases) >= _SPAM_PHRASES


def is_phrase_list(line: str) -> bool:
    """Short phrases strung with commas, no sentence end, not an addressee.

    >>> is_phrase_list("视频综合在线，免费在线不卡，精品一区二区，综合在线视频")
    True
    >>> is_phrase_list("各镇人民政府，开发区管委会，区政府各部门，各直属单位：")
    False
    """
    line = line.strip()
    return bool(_PHRASE_LIST.match(line) or _DASHED_LIST.match(line) or _NAME_LIST.match(line))


# A reporter's or editor's name in brackets under a report, a wire code perhaps after it: （刘某）,
# （张某某）1131121; a bracket that names an office (（省财政厅）) tags a measure and is no name.
_NAME_NOTE = re.compile(r"^[（(][\u4e00-\u9fff·]{2,4}[)）]\s*\d*$")
_NOT_A_NAME = re.compile(r"[厅局委办部院会司处科站所室队省市县区镇乡]$|试行|暂行|草案|修订|节选|摘要|全文|待续")


def is_name_note(line: str) -> bool:
    """A bare name in brackets: the signature of a report's writer or editor.

    >>> is_name_note("（刘某）"), is_name_note("（省财政厅）"), is_name_note("（试行）")
    (True, False, False)
    """
    line = line.strip()
    return bool(_NAME_NOTE.match(line)) and not _NOT_A_NAME.search(line.strip("（()）0123456789 "))


def is_link_list_header(line: str) -> bool:
    """A short heading such as 热门相关 or 推荐阅读：, not a teaser that merely starts with one."""
    stripped = strip_bullets(line)
    return len(stripped) <= _LIST_HEADER_CHARS and bool(_LINK_LIST_HEADER.match(stripped))


def is_body_like(line: str) -> bool:
    """A sentence with a terminator and a government action, not in a site's own voice.

    Such a line carries (or may carry) a measure; cleaning never removes it.

    >>> is_body_like("对新认定的产业集群给予50万元奖励。")
    True
    >>> is_body_like("成为VIP后，对文档贡献者给予高额补贴。")
    False
    """
    return (
        len(line) >= _BODY_MIN_CHARS
        and bool(_TERMINATOR.search(line))
        and bool(_ACTION.search(line))
        and not _SITE_VOICE.search(line)
        and not _KEYWORD_LINE.match(strip_bullets(line))
    )
